// Option values for any declared command, as a user (or a broken client) could send them: from the choices or
// not, integers in and out of range, story ids and titles, and hostile text everywhere else.
import fc from 'fast-check';
import type { AnyCommand, OptionSpec } from '../../src/core/command.js';
import type { RawOptions } from '../../src/core/options.js';
import { hostilePhrase, hostileText } from '../../testkit/hostile.js';

/** A value for one declared option: in range or out of it, from the choices or not, hostile text otherwise. */
function optionValue(
  name: string,
  spec: OptionSpec,
  storyKeys: readonly string[],
): fc.Arbitrary<string | number | boolean> {
  switch (spec.type) {
    case 'boolean':
      return fc.oneof(fc.boolean(), hostilePhrase);
    case 'integer': {
      const min = spec.min ?? -1000;
      const max = spec.max ?? 1000;
      return fc.oneof(
        fc.integer({ min, max }),
        fc.integer({ min: min - 50, max: max + 50 }),
        fc.integer(),
        hostilePhrase,
      );
    }
    case 'string':
      if (spec.choices)
        return fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...spec.choices) },
          { weight: 1, arbitrary: hostilePhrase },
        );
      if (name === 'story' || spec.autocomplete === 'story')
        return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...storyKeys) }, { weight: 1, arbitrary: hostileText });
      return hostileText;
  }
}

export function rawOptions(command: AnyCommand, storyKeys: readonly string[]): fc.Arbitrary<RawOptions> {
  const entries = Object.entries(command.options as Record<string, OptionSpec>).map(([name, spec]) => {
    const value = optionValue(name, spec, storyKeys);
    return [
      name,
      spec.required
        ? fc.oneof({ weight: 9, arbitrary: value }, { weight: 1, arbitrary: fc.constant(undefined) })
        : fc.option(value, { nil: undefined }),
    ] as const;
  });
  return fc.record(Object.fromEntries(entries)) as fc.Arbitrary<RawOptions>;
}
