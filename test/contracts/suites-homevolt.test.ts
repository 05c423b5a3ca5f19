import { describe } from 'vitest';
import { checkSuiteOnEveryProfile } from './suite-check.ts';

describe('the Homevolt contract suite against the emulator, on 2512 and pre-2512', () => {
  checkSuiteOnEveryProfile('homevolt', ['2512', 'pre-2512']);
});
