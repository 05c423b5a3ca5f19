/**
 * A fresh Faker of its own for each device (never the global faker), drawing exactly what Faker's English locale
 * draws for the same seed, built without importing that locale: Faker's base locale plus the only two English
 * lists the identities use, word.noun and word.adjective (simulator/devices/english-words.ts, generated from the
 * installed Faker). The English locale is about 0.3 MB of JavaScript, ~25 ms of every cold start on its own
 * (issue 13); importing '@faker-js/faker' itself would load all ~70 locales.
 * A draw from any other locale list fails loudly (Faker: "The locale data for '…' are missing"), and
 * test/devices/english-faker.test.ts checks the lists and the draws against the English locale.
 */
import type { Faker, LocaleDefinition } from '@faker-js/faker';
import { faker as base } from '@faker-js/faker/locale/base';
import { ENGLISH_ADJECTIVES, ENGLISH_NOUNS } from './english-words.ts';

const FakerClass = base.constructor as typeof Faker;
/** English on top of Faker's base (its locale-free data), as Faker's own English faker stacks them. */
const LOCALE: LocaleDefinition[] = [{ word: { noun: [...ENGLISH_NOUNS], adjective: [...ENGLISH_ADJECTIVES] } }, base.rawDefinitions];

/** A new, unseeded Faker with the English words (seed it from the device's 'identity' stream). */
export function createEnglishFaker(): Faker {
  return new FakerClass({ locale: LOCALE });
}
