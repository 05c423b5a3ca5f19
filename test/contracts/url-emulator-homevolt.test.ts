import { describeUrlEmulator } from './url-emulator.ts';

describeUrlEmulator('homevolt', ['--password', 'url-emulator-test']);
