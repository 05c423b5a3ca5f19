/**
 * The devices' Faker draws what Faker's English locale draws for the same seed, though it is built from Faker's
 * base locale and two generated word lists (issue 13: the English locale is too slow to import at every start).
 */
import { faker as english } from '@faker-js/faker/locale/en';
import type { Faker } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { createEnglishFaker } from '../../simulator/devices/english-faker.ts';
import { ENGLISH_ADJECTIVES, ENGLISH_NOUNS } from '../../simulator/devices/english-words.ts';

const EnglishFaker = english.constructor as typeof Faker;

/** Every kind of draw the identities make (simulator/devices/*\/identity.ts), in one sequence. */
function draws(faker: Faker, seed: number): unknown[] {
  faker.seed(seed);
  return [
    faker.string.alphanumeric({ length: 7, casing: 'upper' }),
    faker.string.hexadecimal({ length: 6, casing: 'upper', prefix: '' }),
    faker.string.numeric({ length: 11, allowLeadingZeros: true }),
    faker.word.noun(),
    faker.word.noun({ length: { min: 3, max: 8 } }),
    faker.word.adjective(),
    faker.number.int({ min: -90, max: -60 }),
    faker.number.float({ min: 0.002, max: 0.02, fractionDigits: 4 }),
    faker.helpers.arrayElement([110, 120, 130]),
    faker.internet.mac(),
    faker.string.uuid(),
  ];
}

describe('createEnglishFaker', () => {
  it("has Faker's English noun and adjective lists (else: npm run generate:words)", () => {
    expect(ENGLISH_NOUNS).toEqual(english.rawDefinitions.word?.noun);
    expect(ENGLISH_ADJECTIVES).toEqual(english.rawDefinitions.word?.adjective);
  });

  it("draws, seed for seed, what Faker's English locale draws", () => {
    for (let seed = 0; seed < 300; seed++) {
      expect(draws(createEnglishFaker(), seed)).toEqual(draws(new EnglishFaker({ locale: english.rawDefinitions }), seed));
    }
  });

  it('fails loudly on a locale list it was not given, rather than drawing something else', () => {
    expect(() => createEnglishFaker().person.firstName()).toThrow(/locale data/);
  });
});
