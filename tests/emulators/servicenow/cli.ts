/**
 * Starts the ServiceNow emulator: npx tsx tests/emulators/servicenow/cli.ts [--port 8445] [--large-instance-users 50000]
 */
import { startServiceNowEmulator } from './index';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : process.argv.find((arg) => arg.startsWith(`${name}=`))?.split('=')[1];
}

const port = Number(argument('--port') ?? 8445);
const largeInstanceUsers = argument('--large-instance-users') ? Number(argument('--large-instance-users')) : undefined;
const emulator = await startServiceNowEmulator({ port, largeInstanceUsers });

console.log(`ServiceNow emulator listening on https://127.0.0.1:${emulator.port}`);
for (const instance of emulator.instances) {
  console.log(`\n  ${instance.name} (${instance.displayName})`);
  console.log(`    log in:     https://${instance.host}/login.do`);
  console.log(`    admin:      ${instance.admin.userName} / ${instance.admin.password}`);
  console.log(`    non-admin:  ${instance.nonAdmin.userName} / ${instance.nonAdmin.password}`);
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
