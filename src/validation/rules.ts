import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { normalizeIsbn } from './isbn.js';

/** Validate the field whenever it is given (null included): leaving it out is fine, null is checked. */
export const IfGiven = (): PropertyDecorator => ValidateIf((_o: object, v: unknown) => v !== undefined);

function rule(name: string, message: string, test: (value: unknown) => boolean, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message, ...options },
      validator: { validate: test },
    });
}

export const IsIsbn = (): PropertyDecorator =>
  rule('isIsbn', 'must be a valid ISBN-10 or ISBN-13', (v) => v === null || (typeof v === 'string' && normalizeIsbn(v) !== null));

export const IsPublishedYear = (): PropertyDecorator =>
  rule(
    'isPublishedYear',
    'must be between 1000 and next year',
    (v) => v === null || (Number.isInteger(v) && (v as number) >= 1000 && (v as number) <= new Date().getFullYear() + 1),
  );

export const IsPrice = (): PropertyDecorator =>
  rule('isPrice', 'must be between 0 and 99999999.99', (v) => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e8));

/** Not blank after trimming and at most `max` characters. */
export const IsName = (max: number): PropertyDecorator =>
  rule('isName', `must be 1 to ${max} characters`, (v) => typeof v === 'string' && v.trim().length >= 1 && v.length <= max);

export const IsOptionalText = (max: number): PropertyDecorator =>
  rule('isOptionalText', `must be at most ${max} characters`, (v) => v === null || (typeof v === 'string' && v.length <= max));

const EMAIL = /^[^\s@"<>()[\],;:\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export const IsEmailAddress = (): PropertyDecorator =>
  rule('isEmailAddress', 'must be a valid email address of at most 254 characters', (v) => typeof v === 'string' && v.length <= 254 && EMAIL.test(v));

/** 8 to 1024 characters: long passphrases welcome, megabyte ones are not hashed. */
export const IsPassword = (): PropertyDecorator =>
  rule('isPassword', 'must be 8 to 1024 characters', (v) => typeof v === 'string' && v.length >= 8 && v.length <= 1024);
