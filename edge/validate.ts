// zod validation at the boundary, answering our error shape (400 VALIDATION_FAILED naming the fields).
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { AppError } from '../core/errors';
import { describeZodError } from './errors';

export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', `Invalid ${target}: ${describeZodError(result.error as never)}`);
    }
  });
}
