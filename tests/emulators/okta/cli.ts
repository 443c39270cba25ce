/**
 * Starts the Okta emulator: npx tsx tests/emulators/okta/cli.ts [--port 8444] [--large-org-users 50000] [--rate-limit 600] [--concurrency 15]
 */
import { startOktaEmulator } from './index';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : process.argv.find((arg) => arg.startsWith(`${name}=`))?.split('=')[1];
}

const port = Number(argument('--port') ?? 8444);
const largeOrgUsers = argument('--large-org-users') ? Number(argument('--large-org-users')) : undefined;
const limit = argument('--rate-limit') ? Number(argument('--rate-limit')) : undefined;
const concurrency = argument('--concurrency') ? Number(argument('--concurrency')) : undefined;
const emulator = await startOktaEmulator({ port, largeOrgUsers, rateLimit: { limit, concurrency } });

console.log(`Okta emulator listening on https://127.0.0.1:${emulator.port}`);
for (const org of emulator.orgs) {
  console.log(`\n  ${org.name} (${org.orgId})`);
  console.log(`    sign in:      https://${org.orgHost}/`);
  console.log(`    admin:        https://${org.adminHost}/admin/dashboard`);
  console.log(`    super admin:  ${org.superAdmin.username} / ${org.superAdmin.password}`);
  console.log(`    read-only:    ${org.readOnlyAdmin.username} / ${org.readOnlyAdmin.password}`);
}
console.log('\nStart Chromium with:');
console.log(`  --host-resolver-rules="${emulator.hostResolverRules}"`);
console.log(`  --ignore-certificate-errors-spki-list=${emulator.certificate.spkiSha256}`);
console.log('\nPress Ctrl+C to stop.');

const stop = () => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
