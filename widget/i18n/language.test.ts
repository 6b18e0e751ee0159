// The widget's language: data-lang, then <html lang>, then the browser's languages.
import { describe, expect, it } from 'vitest';
import { pickLanguage } from './language';
import { strings } from './strings';

describe('pickLanguage', () => {
  it('takes the first candidate that is Chinese or English', () => {
    expect(pickLanguage('en', 'zh-CN')).toBe('en');
    expect(pickLanguage(undefined, 'zh-Hans-CN', 'en-US')).toBe('zh-CN');
    expect(pickLanguage('', null, 'fr-FR', 'zh-TW')).toBe('zh-CN');
    expect(pickLanguage(' EN-gb ')).toBe('en');
  });

  it('does not mistake other languages that start alike', () => {
    expect(pickLanguage('zha', 'eng', 'en')).toBe('en');
  });

  it('falls back to English', () => {
    expect(pickLanguage(undefined, '', 'fr', 'de')).toBe('en');
  });
});

describe('strings', () => {
  it('has every text in both languages, none blank', () => {
    const en = strings('en');
    const zh = strings('zh-CN');
    expect(Object.keys(zh)).toEqual(Object.keys(en));
    for (const [key, value] of Object.entries(zh)) {
      expect(typeof value, key).toBe(typeof en[key as keyof typeof en]);
      if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
    }
    expect(en.statement('Shop', 'ID number', 'customs')).toContain('ID number');
    expect(zh.statement('商城', '身份证号码', '清关')).toContain('身份证号码');
  });
});
