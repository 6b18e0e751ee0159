import { describe, expect, it } from 'vitest';
import { scan } from './scanner';
import { cnId, luhnBroken, luhnComplete, uscc } from './test-values';

/** The findings of `scan` as `type:value`, which reads better in a failing test than offsets. */
function found(text: string): string[] {
  return scan(text).map((f) => `${f.type}:${text.slice(f.start, f.end)}`);
}

describe('cn_id', () => {
  const id = cnId();
  it('finds an 18-digit ID with a valid check character and birth date', () => {
    expect(found(`身份证号${id}。`)).toEqual([`cn_id:${id}`]);
    expect(found('ID 11010519491231002X and 11010519491231002x')).toEqual([
      'cn_id:11010519491231002X',
      'cn_id:11010519491231002x',
    ]);
  });
  it('finds the ID written in 6-8-4 groups', () => {
    const grouped = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
    expect(found(`证件: ${grouped}`)).toEqual([`cn_id:${grouped}`]);
  });
  it('rejects a wrong check character', () => {
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(found(`身份证 ${wrong}`)).toEqual([]);
  });
  it('rejects impossible birth dates and unknown provinces', () => {
    expect(found(cnId('110105', '19900230'))).toEqual([]); // 30 February
    expect(found(cnId('110105', '18990101'))).toEqual([]);
    expect(found(cnId('990105', '19900307'))).toEqual([]); // no province 99
    expect(found(cnId('110105', '20000229'))).toHaveLength(1); // leap year
    expect(found(cnId('110105', '19000229'))).toEqual([]); // 1900 was not
  });
  it('finds a 15-digit legacy ID only next to a context word', () => {
    expect(found('身份证：110105491231002')).toEqual(['cn_id:110105491231002']);
    expect(found('ID: 110105491231002')).toEqual(['cn_id:110105491231002']);
    expect(found('流水 110105491231002')).toEqual([]);
    expect(found('Order ID: 110105491231002')).toEqual([]);
    expect(found('身份证：110105491331002')).toEqual([]); // month 13
  });
  it('ignores an ID inside a longer run of digits or letters', () => {
    expect(found(`9${id}`)).toEqual([]);
    expect(found(`${id}7`)).toEqual([]);
    expect(found(`A${id}`)).toEqual([]);
    expect(found(`user_${id}`)).toEqual([]);
  });
});

describe('phone', () => {
  it.each([
    '13812345678',
    '138-1234-5678',
    '138 1234 5678',
    '+8613812345678',
    '+86 13812345678',
    '+86-138-1234-5678',
    '+86 138 1234 5678',
    '008613812345678',
    '0086 13812345678',
    '0086-138-1234-5678',
    '010-62345678',
    '0755-12345678',
    '021 6234 5678',
    '0571-8765432',
    '010-62345678-8001',
    '021-6432-1188',
    '+86 10 6234 5678',
    '+44 20 7946 0958',
    '+1 415 555 2671',
    '+33 1 42 68 53 00',
    '+447946095812',
    '(010) 6234 5678',
    '(0755)12345678',
    '(+86) 138 1234 5678',
    '(+44) 20 7946 0958',
  ])('finds %s as people write it', (phone) => {
    expect(found(`联系电话：${phone}，谢谢`)).toEqual([`phone:${phone}`]);
    expect(found(`Tel ${phone}.`)).toEqual([`phone:${phone}`]);
  });
  it('finds phones next to Chinese text and in lists', () => {
    expect(found('手机13812345678或13912345678')).toEqual([
      'phone:13812345678',
      'phone:13912345678',
    ]);
    expect(found('13812345678 13912345678')).toEqual(['phone:13812345678', 'phone:13912345678']);
  });
  it.each([
    ['an 11-digit number not starting 13–19', '12812345678'],
    ['a number inside a longer run', '138123456789'],
    ['digits glued to letters', 'SF13812345678'],
    ['an identifier with underscore', 'user_13812345678'],
    ['a hyphenated order number', 'SO-2023-13812345678'],
    ['a decimal', '13812345678.25'],
    ['a unix time in seconds', '1700000000'],
    ['a unix time in milliseconds', '1700000000000'],
    ['an ISO timestamp', '2023-11-15T10:30:00Z'],
    ['a date and time', '2023-11-15 10:30:00'],
    ['an unknown country code', '+999 1234 5678'],
    ['a plus with too few digits', '+86 1234'],
    ['a landline without a valid area code', '000-62345678'],
    ['an IP address', '192.168.100.200'],
  ])('ignores %s', (_what, text) => {
    expect(found(`值 ${text} 结束`)).toEqual([]);
  });
  it('reads a bracketed number before a phone as no prefix of it', () => {
    expect(found('(1) 13812345678')).toEqual(['phone:13812345678']);
    expect(found('(2023) 13812345678')).toEqual(['phone:13812345678']);
    expect(found('a(010) 62345678')).toEqual([]);
  });
  it('reads full-width digits as people type them in Chinese forms', () => {
    expect(found('手机：１３８１２３４５６７８')).toEqual(['phone:１３８１２３４５６７８']);
    expect(found('电话 ０１０-６２３４５６７８ 与 13912345678')).toEqual([
      'phone:０１０-６２３４５６７８',
      'phone:13912345678',
    ]);
  });
  it('reports the e-mail, not the phone, when a phone is the local part', () => {
    expect(found('13812345678@qq.com')).toEqual(['email:13812345678@qq.com']);
  });
});

describe('bank_card', () => {
  const unionPay = luhnComplete('621700123456789012');
  const visa = luhnComplete('411111111111111');
  it('finds Luhn-valid numbers of known issuers, plain or grouped', () => {
    expect(found(`卡 ${unionPay}`)).toEqual([`bank_card:${unionPay}`]);
    const grouped = visa.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(found(`card ${grouped} ok`)).toEqual([`bank_card:${grouped}`]);
    const hyphens = visa.replace(/(\d{4})(?=\d)/g, '$1-');
    expect(found(hyphens)).toEqual([`bank_card:${hyphens}`]);
    expect(found('Amex 3782 822463 10005')).toEqual(['bank_card:3782 822463 10005']);
    const up19 = unionPay.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(found(up19)).toEqual([`bank_card:${up19}`]);
  });
  it('ignores Luhn-invalid numbers, unless UnionPay next to a card word', () => {
    const broken = luhnBroken('621700123456789012');
    expect(found(`流水号 ${broken}`)).toEqual([]);
    expect(found(`卡号：${broken}`)).toEqual([`bank_card:${broken}`]);
    expect(found(`card number ${broken}`)).toEqual([`bank_card:${broken}`]);
    expect(found(`卡号：${luhnBroken('411111111111111')}`)).toEqual([]);
  });
  it('ignores Luhn-valid numbers without a known issuer prefix', () => {
    expect(found(luhnComplete('990000000000000'))).toEqual([]);
    expect(found(luhnComplete('202311150000123'))).toEqual([]);
  });
  it('ignores a card inside a longer run', () => {
    expect(found(`${unionPay}1`)).toEqual([]);
    expect(found(`No.${unionPay}X1`)).toEqual([]);
  });
});

describe('email', () => {
  it.each([
    'li.lei@example.com',
    'zhang_san+crm@mail.example.com.cn',
    'a@b.io',
    'x-y@sub-domain.org',
  ])('finds %s', (email) => expect(found(`邮箱：${email}。`)).toEqual([`email:${email}`]));
  it('stops at the domain’s end and trailing punctuation', () => {
    expect(found('write to li.lei@example.com.')).toEqual(['email:li.lei@example.com']);
    expect(found('<li@example.com>')).toEqual(['email:li@example.com']);
  });
  it.each(['user@localhost', 'a@b.c', '@example.com', 'li@.com', 'li@example.123', 'li.@x.com'])(
    'ignores %s',
    (text) => expect(found(text)).toEqual([]),
  );
});

describe('uscc', () => {
  const code = uscc();
  it('finds a code with a valid check character', () => {
    expect(found(`统一社会信用代码 ${code}`)).toEqual([`uscc:${code}`]);
    expect(found(`company ${code} registered`)).toEqual([`uscc:${code}`]);
  });
  it('rejects a wrong check character or shape', () => {
    const wrong = code.slice(0, 17) + (code[17] === 'A' ? 'B' : 'A');
    expect(found(wrong)).toEqual([]);
    expect(found(`X${code.slice(1)}`)).toEqual([]);
  });
  it('finds an all-digit code by its layout and division code', () => {
    const digits = uscc('91110000100000002'); // chosen so that the check character is a digit
    expect(digits).toMatch(/^\d{18}$/);
    expect(found(`信用代码：${digits}`)).toEqual([`uscc:${digits}`]);
    expect(found(`company ${digits}`)).toEqual([`uscc:${digits}`]);
  });
  it('finds a code whose check character is X', () => {
    expect(found('PetroChina 91110000710925462X')).toEqual(['uscc:91110000710925462X']);
  });
  it('rejects codes whose type or division code cannot be', () => {
    expect(found(uscc('90110000100000002'))).toEqual([]); // type 0
    expect(found(uscc('91990000100000002'))).toEqual([]); // no province 99
  });
});

describe('passport', () => {
  it.each(['E12345678', 'G12345678', 'EA1234567', 'DE1234567', 'P1234567'])(
    'finds %s next to 护照 or passport',
    (p) => {
      expect(found(`护照号码：${p}`)).toEqual([`passport:${p}`]);
      expect(found(`Passport No. ${p}`)).toEqual([`passport:${p}`]);
    },
  );
  it('ignores the same shapes without context', () => {
    expect(found('SKU E12345678')).toEqual([]);
  });
});

describe('name and address', () => {
  it('finds values introduced by labels', () => {
    expect(found('姓名：张三\n')).toEqual(['name:张三']);
    expect(found('客户姓名: 欧阳娜娜，')).toEqual(['name:欧阳娜娜']);
    expect(found('Name: Li Lei, VIP')).toEqual(['name:Li Lei']);
    expect(found('{"customer_name":"Zhang San"}')).toEqual(['name:Zhang San']);
    expect(found('收货地址：上海市浦东新区世纪大道100号\n')).toEqual([
      'address:上海市浦东新区世纪大道100号',
    ]);
    expect(found('Address: 12 Main St, Springfield, IL 62704\n')).toEqual([
      'address:12 Main St, Springfield, IL 62704',
    ]);
  });
  it('stops an address at the next label', () => {
    expect(found('地址：北京市朝阳区建国路88号电话：13812345678')).toEqual([
      'address:北京市朝阳区建国路88号',
      'phone:13812345678',
    ]);
  });
  it('ignores labels that are not names or postal addresses', () => {
    expect(found('邮箱地址：nobody')).toEqual([]);
    expect(found('IP地址：10.0.0.1')).toEqual([]);
    expect(found('username: Admin')).toEqual([]);
    expect(found('Name: is required')).toEqual([]);
    expect(found('姓名：请填写真实姓名')).toEqual([]);
  });
});

describe('scan', () => {
  it('returns findings in order, without overlap, with level and confidence', () => {
    const text = `张三 ${cnId()} 13812345678 li@example.com`;
    const findings = scan(text);
    expect(findings.map((f) => [f.type, f.level])).toEqual([
      ['cn_id', 1],
      ['phone', 2],
      ['email', 2],
    ]);
    for (let i = 1; i < findings.length; i++) {
      expect(findings[i]!.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
    }
    for (const f of findings) expect(f.confidence).toBeGreaterThan(0.5);
  });
  it('finds nothing in text without PII', () => {
    expect(scan('')).toEqual([]);
    expect(scan('订单 SO20231115000123 金额 ¥1,299.00 于 2023-11-15 10:30 发货')).toEqual([]);
  });
  it('does not split surrogate pairs or choke on lone surrogates', () => {
    expect(found('😀13812345678😀')).toEqual(['phone:13812345678']);
    expect(found('\ud83d13812345678')).toEqual(['phone:13812345678']);
  });
});

describe('labels beyond the common ones', () => {
  it('reads compound English labels by their qualifier', () => {
    expect(found('{"receiver_name": "Wang Fang"}')).toEqual(['name:Wang Fang']);
    expect(found('{"detail_address": "上海市徐汇区虹桥路1号"}')).toEqual([
      'address:上海市徐汇区虹桥路1号',
    ]);
    expect(found('{"product_name": "Green Tea"}')).toEqual([]);
    expect(found('{"email_address": "Nobody Here"}')).toEqual([]);
    expect(found('{"ip_address": "Somewhere Else"}')).toEqual([]);
  });
  it('keeps a Chinese address with spaced numbers', () => {
    expect(found('地址：上海市徐汇区漕溪北路 88 号 2 楼\n')).toEqual([
      'address:上海市徐汇区漕溪北路 88 号 2 楼',
    ]);
  });
  it('keeps a Chinese address written with spaces, up to the next label', () => {
    expect(found('收货地址：福建省厦门市 思明区 湖滨南路1号 电话：13812345678')).toEqual([
      'address:福建省厦门市 思明区 湖滨南路1号',
      'phone:13812345678',
    ]);
  });
  it('leaves a title out of a name', () => {
    expect(found('联系人：张三先生')).toEqual(['name:张三']);
  });
});
