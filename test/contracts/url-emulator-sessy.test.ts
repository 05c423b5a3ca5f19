import { describeUrlEmulator } from './url-emulator.ts';

describeUrlEmulator('sessy', []);
