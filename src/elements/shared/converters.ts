import type { ComplexAttributeConverter } from 'lit';

/** Reads a number attribute; anything that is not a finite number is null (the default applies). */
export const optionalNumber: ComplexAttributeConverter<number | null> = {
  fromAttribute: (value: string | null) => {
    if (value === null || value.trim() === '') return null;
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  },
  toAttribute: (value: number | null) => (value === null ? null : String(value)),
};

/**
 * A negative boolean attribute for a feature that is on by default: present (whatever its value, as any HTML boolean
 * attribute) turns the property off. `no-annotations` sets `annotations = false`.
 */
export const negated: ComplexAttributeConverter<boolean> = {
  fromAttribute: (value: string | null) => value === null,
  toAttribute: (value: boolean) => (value ? null : ''),
};
