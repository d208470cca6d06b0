import { describe, expect, it } from 'vitest';
import { parseTicker, tickerSymbol } from '../../src/lib/ticker.js';

describe('parseTicker', () => {
  it.each([
    ['0700.HK', '700', 'XHKG', '0700.HK'],
    ['00700.HK', '700', 'XHKG', '0700.HK'],
    ['700 HK', '700', 'XHKG', '0700.HK'],
    ['9988.hk', '9988', 'XHKG', '9988.HK'],
    ['HKEX: 9988', '9988', 'XHKG', '9988.HK'],
    ['SEHK:1810', '1810', 'XHKG', '1810.HK'],
    ['(2899.HK)', '2899', 'XHKG', '2899.HK'],
    ['300750.SZ', '300750', 'XSHE', '300750.SZ'],
    ['SZ300750', '300750', 'XSHE', '300750.SZ'],
    ['600519.SS', '600519', 'XSHG', '600519.SS'],
    ['600519.SH', '600519', 'XSHG', '600519.SS'],
    ['SSE: 688981', '688981', 'XSHG', '688981.SS'],
    ['NYSE: BABA', 'BABA', 'XNYS', 'BABA.N'],
    ['PDD.O', 'PDD', 'XNAS', 'PDD.O'],
    ['stock code 2899', '2899', null, '2899'],
    ['Stock Code: 1211', '1211', null, '1211'],
    ['01211', '1211', null, '1211'],
    ['BABA', 'BABA', null, 'BABA'],
  ])('reads %s as code %s on %s, shown as %s', (text, code, mic, symbol) => {
    const ticker = parseTicker(text);
    expect(ticker).toEqual({ code, mic });
    expect(tickerSymbol(ticker!)).toBe(symbol);
  });

  it.each(['Q3 2025', 'rose 3 per cent', 'next Tuesday', '0000.HK', '', '1234567', 'HK$41 billion', 'XX 700', 'June 19'])(
    'refuses %j, which is no ticker',
    (text) => expect(parseTicker(text)).toBeNull(),
  );
});
