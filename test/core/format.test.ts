import { describe, expect, it } from 'vitest';
import { escapeXml, fitText, formatStep, formatValue } from '../../src/core/format.js';

describe('formatValue', () => {
  it('formatValue(v) keeps 4 significant digits and trims trailing zeros', () => {
    expect(formatValue(0.23114)).toBe('0.2311');
    expect(formatValue(4.2216)).toBe('4.222');
    expect(formatValue(3.2558)).toBe('3.256');
    expect(formatValue(0.5)).toBe('0.5');
    expect(formatValue(1.1)).toBe('1.1');
    expect(formatValue(2)).toBe('2');
    expect(formatValue(123456)).toBe('123500');
    expect(formatValue(-0.0456789)).toBe('-0.04568');
  });

  it('formatValue(v) uses exponent form below 1e-3 and from 1e6', () => {
    expect(formatValue(0.001)).toBe('0.001');
    expect(formatValue(1.2e-7)).toBe('1.2e-7');
    expect(formatValue(0.00012346)).toBe('1.235e-4');
    expect(formatValue(3.5e6)).toBe('3.5e+6');
    expect(formatValue(1e6)).toBe('1e+6');
    expect(formatValue(-2.5e-5)).toBe('-2.5e-5');
  });

  it('formatValue(v) picks the notation after rounding to 4 digits', () => {
    expect(formatValue(999999.9)).toBe('1e+6');
    expect(formatValue(999949)).toBe('999900');
    expect(formatValue(0.00099999)).toBe('0.001');
    expect(formatValue(0.00099949)).toBe('9.995e-4');
  });

  it('formatValue(0) and formatValue(-0) are "0"', () => {
    expect(formatValue(0)).toBe('0');
    expect(formatValue(-0)).toBe('0');
  });

  it('formatValue(NaN / ±Infinity) names them', () => {
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(Infinity)).toBe('∞');
    expect(formatValue(-Infinity)).toBe('−∞');
  });
});

describe('formatStep', () => {
  it('formatStep(integer) adds thousands separators', () => {
    expect(formatStep(0)).toBe('0');
    expect(formatStep(26)).toBe('26');
    expect(formatStep(5739)).toBe('5,739');
    expect(formatStep(19600)).toBe('19,600');
    expect(formatStep(1234567)).toBe('1,234,567');
  });

  it('formatStep(fraction) uses 4 significant digits', () => {
    expect(formatStep(0.5)).toBe('0.5');
    expect(formatStep(1.23456)).toBe('1.235');
    expect(formatStep(2.5e-5)).toBe('2.5e-5');
  });
});

describe('escapeXml', () => {
  it('escapeXml(text) escapes & < > " and \' as numeric references', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });

  it('escapeXml(plain) leaves other text, unicode included, unchanged', () => {
    expect(escapeXml('val_loss − 0.5 ∞ ü')).toBe('val_loss − 0.5 ∞ ü');
    expect(escapeXml('')).toBe('');
  });

  it('escapeXml(already escaped) escapes the ampersand again (no double-decoding)', () => {
    expect(escapeXml('&lt;')).toBe('&#38;lt;');
  });
});

describe('fitText', () => {
  it("fitText('sparse_categorical_accuracy', 100, 7.44) keeps 13 characters, the last an ellipsis", () => {
    expect(fitText('sparse_categorical_accuracy', 100, 7.44)).toBe('sparse_categ…');
    expect(fitText('sparse_categorical_accuracy', 100, 7.44).length).toBe(13);
  });

  it("fitText('loss', 100, 7.44) is unchanged; no room at all gives ''", () => {
    expect(fitText('loss', 100, 7.44)).toBe('loss');
    expect(fitText('loss', 5, 7.44)).toBe('');
  });
});
