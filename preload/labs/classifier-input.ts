/**
 * The checks on what a classifier (and the evaluation) is given, each failure a
 * {@link ClassifierInputError} naming the field, so a service can pass it on as a refused input
 * and a person reads what to fix.
 */

/** A refused input: `field` is the option that is wrong (`y`, `classes`, `test.x`, …). */
export class ClassifierInputError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ClassifierInputError';
  }
}

/** Training (or a predict call) was cancelled through its AbortSignal. */
export class ClassifierCancelledError extends Error {
  constructor() {
    super('Training was cancelled.');
    this.name = 'AbortError';
  }
}

export function refuse(message: string, field: string): never {
  throw new ClassifierInputError(message, field);
}

/** Labelled rows: `x` is n × dim, row-major; `y` the n labels in [0, classes). */
export interface LabelledRows {
  x: Float32Array;
  y: Int32Array;
}

export function checkClasses(classes: number): void {
  if (!Number.isInteger(classes) || classes < 2 || classes > 10_000)
    refuse(`classes must be a whole number from 2 to 10000 (it is ${classes})`, 'classes');
}

/**
 * The row width of `rows` (x.length / y.length), checked against `dim` when given, and every
 * label checked against `classes`. `name` prefixes the fields in messages (`test` → `test.y`).
 */
export function checkRows(rows: LabelledRows, classes: number, name = '', dim?: number): number {
  const f = (field: string): string => (name ? `${name}.${field}` : field);
  const n = rows.y.length;
  if (n === 0) refuse(`${f('y')} is empty: give at least one labelled item`, f('y'));
  if (rows.x.length % n !== 0)
    refuse(
      `${f('x')} has ${rows.x.length} values, not a whole number of rows for the ${n} labels in ${f('y')}`,
      f('x'),
    );
  const width = rows.x.length / n;
  if (dim !== undefined && width !== dim)
    refuse(`${f('x')} has ${width} values per item but the classifier takes ${dim}`, f('x'));
  for (let i = 0; i < n; i++) {
    const label = rows.y[i]!;
    if (label < 0 || label >= classes)
      refuse(
        `${f('y')}[${i}] is ${label}, but labels must be from 0 to ${classes - 1} (classes is ${classes})`,
        f('y'),
      );
  }
  for (let i = 0; i < rows.x.length; i++)
    if (!Number.isFinite(rows.x[i]!)) refuse(`${f('x')}[${i}] is not a finite number`, f('x'));
  return width;
}

export function checkWhole(value: number, field: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max)
    refuse(`${field} must be a whole number from ${min} to ${max} (it is ${value})`, field);
}

export function checkRange(value: number, field: string, min: number, max: number): void {
  if (!(value >= min && value <= max))
    refuse(`${field} must be between ${min} and ${max} (it is ${value})`, field);
}
