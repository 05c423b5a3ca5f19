import { describe } from 'vitest';
import { checkSuiteOnEveryProfile } from './suite-check.ts';

describe('the Sessy contract suite against the emulator, on 1.11.11, 1.9.2, 1.8.6 and 1.7.2', () => {
  checkSuiteOnEveryProfile('sessy', ['1.11.11', '1.9.2', '1.8.6', '1.7.2']);
});
