/**
 * Starts the Salesforce emulator: npx tsx tests/emulators/salesforce/cli.ts [--port 8443] [--large-org-users 50000]
 */
import { startSalesforceEmulator } from './index';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : process.argv.find((arg) => arg.startsWith(`${name}=`))?.split('=')[1];
}

const port = Number(argument('--port') ?? 8443);
const largeOrgUsers = argument('--large-org-users') ? Number(argument('--large-org-users')) : undefined;
const sidArg = argument('--sid-org-id-length');
const emulator = await startSalesforceEmulator({ port, largeOrgUsers, sidOrgIdLength: sidArg === '15' ? 15 : 18 });

console.log(`Salesforce emulator listening on https://127.0.0.1:${emulator.port}`);
for (const org of emulator.orgs) {
  console.log(`\n  ${org.name} (${org.orgId})`);
  console.log(`    login:     https://${org.apiHost}/`);
  console.log(`    setup:     https://${org.lightningHost}/lightning/setup/SetupOneHome/home`);
  console.log(`    username:  ${org.username}`);
  console.log(`    password:  ${org.password}`);
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
