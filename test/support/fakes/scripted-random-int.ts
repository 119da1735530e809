import type { RandomInt } from '../../../src/otp-built-in/domain/otp-code.js';

/**
 * A random source for the built-in OTP verifier whose values the test names (`next`), so it
 * knows every code before it is sent; unscripted draws count up from the range's start, so two
 * codes in a row never collide. Bind it with
 * `b.overrideProvider(OTP_RANDOM_INT).useValue(random.randomInt)`.
 */
export class ScriptedRandomInt {
  private readonly scripted: number[] = [];
  private drawn = 0;

  /** The values of the next draws, in order. */
  next(...values: number[]): this {
    this.scripted.push(...values);
    return this;
  }

  readonly randomInt: RandomInt = (min, max) => {
    const value = this.scripted.shift() ?? min + (this.drawn % (max - min));
    this.drawn += 1;
    return value;
  };
}
