// Writes the search test site: one page per row of tests/data/vi/search_folding.tsv (the
// row's text is the page body, at /v/<id>/), legal documents with filter facets, and a
// document-number case.
//
//   node fixture.js DIR [trang|elasticlunr]
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

function write(dir, rel, text) {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

function main(dir, engine = 'trang') {
  fs.rmSync(dir, { recursive: true, force: true });
  write(dir, 'trang.toml', [
    'title = "Sở Thử nghiệm tìm kiếm"',
    'base_url = "https://tim-kiem.example.gov.vn"',
    '',
    '[search]',
    'facets = ["hinh-thuc", "co-quan", "linh-vuc"]',
    `engine = "${engine}"`,
    '',
  ].join('\n'));
  write(dir, 'content/_index.md', '+++\ntitle = "Sở Thử nghiệm tìm kiếm"\n+++\nTrang chủ.\n');
  write(dir, 'content/v/_index.md', '+++\ntitle = "Vectơ"\n+++\n');
  const rows = fs.readFileSync(path.join(ROOT, 'tests/data/vi/search_folding.tsv'), 'utf8')
    .split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
  rows.forEach(([id, , , text], i) => {
    const day = String(1 + (i % 28)).padStart(2, '0');
    write(dir, `content/v/${id.toLowerCase()}.md`, `+++\ntitle = "Trang ${id}"\ndate = 2020-01-${day}\n+++\n${text}\n`);
  });
  write(dir, 'content/van-ban/_index.md', '+++\ntitle = "Văn bản"\n+++\n');
  const docs = [
    ['qd-14-2015', 'Quyết định số 14/2015/QĐ-UBND ban hành Quy chế quản lý trang thông tin điện tử nội bộ', '2015-06-08', 'Quyết định', 'UBND tỉnh', 'Thông tin'],
    ['tt-05-2023', 'Thông tư số 05/2023/TT-BTTTT về quản lý đất đai', '2023-03-01', 'Thông tư', 'Bộ Thông tin và Truyền thông', 'Đất đai'],
    ['qd-22-2019', 'Quyết định số 22/2019/QĐ-UBND về thủy lợi và phòng chống thiên tai', '2019-09-15', 'Quyết định', 'UBND tỉnh', 'Thủy lợi'],
  ];
  for (const [slug, title, date, form, issuer, field] of docs) {
    write(dir, `content/van-ban/${slug}.md`, [
      '+++', `title = "${title}"`, `date = ${date}`, '[extra]', `hinh-thuc = "${form}"`, `co-quan = "${issuer}"`, `linh-vuc = ["${field}"]`, '+++',
      `${title}. Ban hành kèm theo Quy chế; các cơ quan, đơn vị thực hiện.`, '',
    ].join('\n'));
  }
  // Pages that cite the document number: the document itself must still rank first.
  for (let i = 0; i < 12; i++) {
    write(dir, `content/tin-tuc/tin-${i}.md`, `+++\ntitle = "Tin hoạt động ${i}"\ndate = 2024-02-${String(i + 1).padStart(2, '0')}\n+++\nTriển khai Quyết định số 14/2015/QĐ-UBND, quy chế quản lý trang thông tin điện tử.\n`);
  }
}

if (require.main === module) main(process.argv[2] || path.join(__dirname, 'site'), process.argv[3]);
module.exports = { main };
