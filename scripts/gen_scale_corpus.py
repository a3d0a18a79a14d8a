"""Build a scale corpus: N realistic policy documents with known ground truth.

    python scripts/gen_scale_corpus.py --n 500 --out /tmp/scale [--seed 7] [--formats txt,docx,pdf,html]
    python scripts/evaluate.py --corpus /tmp/scale --gold /tmp/scale/gold

Each document recombines the structures of the seed documents with another prefecture-level city
from ``gazetteers/places.csv``, other indicators (innovation, industry, health, transport) and
other numbers:

* a 总体目标 paragraph with prose targets ("到2025年,全市X达到N单位以上,Y达到M单位左右");
* numbered indicator items with baseline sentences ("全市X力争由2022年的A单位达到2026年的B单位")
  followed by their departments (牵头单位/责任单位 lines, 牵头部门/配合部门 lines, "X牵头,Y、Z配合",
  or "由X负责", which names X as responsible with no lead stated);
* numbered tasks with "(责任单位:…)" and sometimes a target of their own;
* an indicator table with 2021年/2024年 columns and a 责任单位 column;
* 保障措施 items, one of them with departments.

Every document is written in ONE format (rotating txt, docx, pdf, html, so each format gets N/4)
as ``DIR/STEM.FMT``, with its gold ``DIR/gold/STEM.json`` in the format of ``corpus/gold/*.json``
(rules: ``corpus/gold/ANNOTATION.md``) and an entry in ``DIR/metadata.yaml``. PDFs are drawn with
reportlab and the CID font STSong-Light (ruled tables), DOCX with python-docx (real Word tables),
HTML as a government page (site chrome around an article). Deterministic for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("txt", "docx", "pdf", "html")

# (surface as written, indicator_id or None, unit, low, high, decimals, domain)
INDICATORS: list[tuple[str, str | None, str, float, float, int, str]] = [
    ("全社会R&D经费支出占地区GDP比重", "rd_expenditure_gdp_share", "%", 0.8, 3.2, 2, "innovation"),
    ("高新技术企业数", "high_tech_enterprises", "家", 80, 1500, 0, "innovation"),
    ("万人发明专利拥有量", "invention_patents_per_10k", "件", 2, 40, 2, "innovation"),
    ("技术合同成交额", "tech_contract_turnover", "亿元", 5, 300, 1, "innovation"),
    ("万人专业技术人员数", "professional_technical_staff_per_10k", "人", 120, 400, 2, "innovation"),
    ("万人R&D人员数", "rd_personnel_per_10k_population", "人年", 5, 60, 2, "innovation"),
    ("科学研究和技术服务业城镇单位就业人员占比", "research_services_employment_share", "%", 0.8, 3.5, 2,
     "innovation"),
    ("万人科技论文数", "sci_papers_per_10k", "篇", 0.5, 8, 2, "innovation"),
    ("省级重点实验室数量", "provincial_key_labs", "家", 3, 40, 0, "innovation"),
    ("科技型中小企业占全市中小企业数量比例", "tech_sme_share", "%", 2, 15, 1, "innovation"),
    ("高新技术产业产值占规上工业总产值比重", "high_tech_industry_output_share", "%", 20, 60, 1, "industry"),
    ("高技术产业增加值占工业增加值比重", "high_tech_industry_value_added_share", "%", 5, 30, 1, "industry"),
    ("规模以上工业企业全员劳动生产率", "industrial_enterprise_labour_productivity", "万元/人", 20, 60, 1,
     "industry"),
    ("新产品销售收入占主营业务收入比重", "new_product_sales_share", "%", 5, 30, 1, "industry"),
    ("创新型产业集群主营业务收入", "innovative_cluster_revenue", "亿元", 50, 900, 1, "industry"),
    ("森林覆盖率", "forest_coverage_rate", "%", 20, 65, 1, "environment"),
    ("互联网普及率", "internet_penetration_rate", "%", 60, 90, 1, "digital"),
    ("公民具备基本科学素质的比例", "science_literacy_rate", "%", 8, 18, 1, "innovation"),
    # health and transport (catalogue entries with source: domain)
    ("每千人口执业(助理)医师数", "physicians_per_1k", "人", 2.2, 4.0, 2, "health"),
    ("每千人口医疗卫生机构床位数", "hospital_beds_per_1k", "张", 5, 9, 2, "health"),
    ("人均预期寿命", "life_expectancy", "岁", 76, 81, 1, "health"),
    ("城市公共交通出行分担率", "public_transport_mode_share", "%", 20, 60, 1, "transport"),
    ("新能源公交车占比", "new_energy_bus_share", "%", 40, 100, 1, "transport"),
    ("高速公路通车里程", "expressway_mileage", "公里", 200, 1200, 0, "transport"),
]
TABLE_INDICATORS = [i for i in INDICATORS if i[6] not in ("health", "transport")]  # prose only

DEPARTMENTS = [
    "市科技局", "市发展改革委", "市工业和信息化局", "市财政局", "市教育局", "市人力资源社会保障局",
    "市卫生健康委", "市交通运输局", "市市场监管局", "市统计局", "市农业农村局", "市商务局",
    "市生态环境局", "市自然资源和规划局", "市住房城乡建设局", "市工信局", "市人社局", "市林业局",
    "市地方金融监管局", "市科协", "市委组织部", "市税务局", "市大数据局", "市行政审批局",
]
DOMAIN_LEADS = {
    "innovation": ["市科技局"], "industry": ["市工业和信息化局", "市工信局"], "health": ["市卫生健康委"],
    "transport": ["市交通运输局"], "environment": ["市林业局", "市生态环境局"], "digital": ["市大数据局"],
}
TOPICS = [
    ("提升综合科技进步水平指数实施方案", "innovation"),
    ("关于推进国家创新型城市建设的实施意见", "innovation"),
    ("加快科技创新三年行动计划(2024—2026年)", "innovation"),
    ("推动制造业高质量发展实施方案", "industry"),
    ("健康城市建设行动方案", "health"),
    ("综合交通运输高质量发展实施方案", "transport"),
]
TASKS = [
    ("优化区域创新空间布局", "抢抓区域一体化发展机遇,加快重大创新平台建设,着力打造高新技术产业聚集带。"),
    ("培育壮大创新主体", "实施科技型企业梯次培育工程,完善“微成长、小升高、高变强”培育机制。"),
    ("加强创新平台建设", "支持企业联合高校、科研院所共建研发机构,提升平台承接能力。"),
    ("深化产学研协同创新", "建立常态化校地合作机制,推动科技成果在本地转化落地。"),
    ("完善科技金融服务", "发挥政府引导基金作用,扩大科技信贷规模,拓宽企业融资渠道。"),
    ("推进公共卫生服务体系建设", "完善疾病预防控制网络,提升基层医疗卫生机构服务能力。"),
    ("完善城市公共交通网络", "优化公交线网布局,推进公交专用道建设,提升公共交通服务水平。"),
    ("加快数字化转型", "推动规上工业企业数字化改造,建设一批智能工厂和数字化车间。"),
]
SAFEGUARDS = [
    ("加强组织领导", "建立由市政府主要负责同志任组长的工作专班,统筹推进各项任务。"),
    ("强化要素保障", "加大财政投入力度,落实各项支持政策,保障重点项目用地用能需求。"),
    ("严格督导考核", "将目标任务完成情况纳入年度综合考核,定期通报进展。"),
    ("营造良好氛围", "加强政策宣传解读,及时总结推广典型经验做法。"),
]


# ----------------------------------------------------------------------------- document model


@dataclass
class Blk:
    kind: str  # heading | paragraph | table
    text: str = ""
    rows: list[list[str]] | None = None


@dataclass
class Doc:
    stem: str
    city: str
    province: str
    title: str
    issuer: str
    date: str
    blocks: list[Blk] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    assignments: list[dict] = field(default_factory=list)


def fmt_num(v: float, decimals: int) -> str:
    return f"{v:.{decimals}f}" if decimals else str(int(round(v)))


def num(s: str) -> float | int:
    return int(s) if "." not in s else float(s)


def load_cities() -> list[tuple[str, str]]:
    out = []
    with open(ROOT / "gazetteers" / "places.csv", encoding="utf-8") as fh:
        rows = (line for line in fh if not line.startswith("#"))
        for r in csv.DictReader(rows):
            if r["level"] == "city" and r["name"].endswith("市") and r["province"]:
                out.append((r["name"], r["province"]))
    return out


def target(ind: str, ind_id, value, unit, comparator, year, baseline=None, lead=(), resp=(), flags=(),
           item=None, quote="") -> dict:
    return {"indicator": ind, "indicator_id": ind_id, "value": value, "unit": unit, "comparator": comparator,
            "year": year, "baseline": baseline, "qualitative": None, "scope": None, "lead": list(lead),
            "responsible": list(resp), "flags": list(flags), "item": item, "quote": quote}


def assignment(item, kind, ind_id, deadline, lead, resp, flags, quote) -> dict:
    return {"item": item, "kind": kind, "indicator_id": ind_id, "deadline": deadline, "lead": list(lead),
            "responsible": list(resp), "flags": list(flags), "quote": quote}


def by(year: int, text: str) -> dict:
    return {"kind": "by", "year": year, "month": None, "end_year": None, "end_month": None, "text": text}


def grow(rng: random.Random, lo: float, hi: float, decimals: int) -> tuple[str, str]:
    a = rng.uniform(lo, hi * 0.8)
    b = a * rng.uniform(1.05, 1.4)
    if decimals == 0:
        a, b = max(1, round(a)), max(round(a) + 1, round(b))
    return fmt_num(a, decimals), fmt_num(b, decimals)


def roles_block(rng: random.Random, lead: list[str], resp: list[str]) -> tuple[list[str], str, str, list[str],
                                                                            list[str], list[str]]:
    """Department wording for an item: (extra lines, inline sentence, variant, gold lead, gold resp, flags)."""
    variant = rng.choices(["labels", "dept_labels", "formula", "bracket", "by_subject"],
                          weights=[40, 15, 20, 15, 10])[0]
    if variant == "labels":
        lines = [f"牵头单位:{'、'.join(lead)}"] + ([f"责任单位:{'、'.join(resp)}"] if resp else [])
        return lines, "", variant, lead, resp, []
    if variant == "dept_labels":
        lines = [f"牵头部门:{'、'.join(lead)}"] + ([f"配合部门:{'、'.join(resp)}"] if resp else [])
        return lines, "", variant, lead, resp, []
    if variant == "formula":
        tail = f",{'、'.join(resp)}配合" if resp else ""
        return [], f"{'、'.join(lead)}牵头{tail}。", variant, lead, resp, []
    if variant == "bracket":
        allr = lead + resp
        return [], f"(责任单位:{'、'.join(allr)})", variant, [], allr, ["lead_not_stated"]
    # "由X负责": X is responsible; no lead is stated (ANNOTATION.md)
    return [], f"由{lead[0]}负责。", variant, [], [lead[0]], ["lead_not_stated"]


def build(i: int, rng: random.Random, cities: list[tuple[str, str]]) -> Doc:
    city, province = rng.choice(cities)
    topic, domain = rng.choice(TOPICS)
    date = f"{rng.choice([2022, 2023, 2024])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    stem = f"{i:05d}_" + hashlib.sha1(f"{i}{city}{topic}".encode()).hexdigest()[:12]
    d = Doc(stem, city, province, f"{city}{topic}", f"{city}人民政府办公室", date)
    pool = [x for x in INDICATORS if x[6] == domain] + rng.sample(INDICATORS, 6)
    used: set[str] = set()

    def pick(catalogued: bool = False):
        cands = [x for x in (TABLE_INDICATORS if catalogued else pool) if x[0] not in used]
        if not cands:
            cands = [x for x in INDICATORS if x[0] not in used]
        x = rng.choice(cands)
        used.add(x[0])
        return x

    def depts(domain_of: str, k: int) -> tuple[list[str], list[str]]:
        lead = [rng.choice(DOMAIN_LEADS.get(domain_of, ["市科技局"]))]
        others = [x for x in DEPARTMENTS if x not in lead and not (x in ("市工信局", "市工业和信息化局")
                                                                  and lead[0] in ("市工信局", "市工业和信息化局"))]
        return lead, rng.sample(others, k)

    y, m, dd = date.split("-")
    d.blocks.append(Blk("heading", d.title))
    d.blocks.append(Blk("paragraph", f"{d.issuer}  {y}年{int(m)}月{int(dd)}日"))
    d.blocks.append(Blk("paragraph", f"为深入实施创新驱动发展战略,加快建设现代化{city},结合我市实际,制定本方案。"))
    # ---- 总体目标: prose targets
    d.blocks.append(Blk("heading", "一、总体目标"))
    goal_year = rng.choice([2025, 2026, 2027])
    parts = []
    for k in range(rng.choice([1, 2, 2, 3])):
        ind, ind_id, unit, lo, hi, dec, _ = pick()
        v = fmt_num(rng.uniform(lo, hi), dec)
        word, comp = rng.choice([("以上", ">="), ("左右", "~"), ("", "=")])
        scope = "全市" if k == 0 and rng.random() < 0.5 else ""
        clause = f"{scope}{ind}达到{v}{unit}{word}"
        parts.append(clause)
        d.targets.append(target(ind, ind_id, num(v), unit, comp, goal_year, quote=clause))
    d.blocks.append(Blk("paragraph", f"到{goal_year}年,{city}科技创新能力显著增强," + ",".join(parts) + "。"))
    # ---- 主要任务: indicator items and tasks
    d.blocks.append(Blk("heading", "二、主要任务"))
    for k in range(1, rng.randint(3, 7) + 1):
        if rng.random() < 0.6:  # an item named after an indicator, with a baseline sentence
            ind, ind_id, unit, lo, hi, dec, dom = pick(catalogued=True)
            y0, y1 = rng.choice([2021, 2022, 2023]), rng.choice([2025, 2026, 2027])
            a, b = grow(rng, lo, hi, dec)
            lead, resp = depts(dom, rng.randint(0, 3))
            lines, inline, variant, g_lead, g_resp, flags = roles_block(rng, lead, resp)
            sentence = f"全市{ind}力争由{y0}年的{a}{unit}达到{y1}年的{b}{unit}"
            label = f"{k}.{ind}"
            d.blocks.append(Blk("list", f"{label}。持续加大工作力度,完善政策措施,稳步提升{ind}。{sentence}。{inline}"))
            for line in lines:
                d.blocks.append(Blk("paragraph", line))
            d.targets.append(target(ind, ind_id, num(b), unit, "=", y1, {"value": num(a), "year": y0}, g_lead,
                                    g_resp, flags, label, sentence))
            if g_lead or g_resp:
                quote = lines[-1] if lines else inline.strip("(。)")
                d.assignments.append(assignment(label, "indicator", ind_id, by(y1, f"{y1}年"), g_lead, g_resp,
                                                flags, quote))
        else:  # a task, maybe with a target of its own
            title, body = rng.choice(TASKS)
            lead, resp = depts(domain, rng.randint(1, 3))
            lines, inline, variant, g_lead, g_resp, flags = roles_block(rng, lead, resp)
            label = f"{k}.{title}"
            text = f"{label}。{body}"
            deadline = None
            if rng.random() < 0.5:
                ind, ind_id, unit, lo, hi, dec, _ = pick()
                yr = rng.choice([2025, 2026])
                v = fmt_num(rng.uniform(lo, hi), dec)
                clause = f"到{yr}年,{ind}达到{v}{unit}以上"
                text += clause + "。"
                d.targets.append(target(ind, ind_id, num(v), unit, ">=", yr, None, g_lead, g_resp, flags, label,
                                        f"{ind}达到{v}{unit}以上"))
                deadline = by(yr, f"到{yr}年")
            d.blocks.append(Blk("list", text + inline))
            for line in lines:
                d.blocks.append(Blk("paragraph", line))
            if g_lead or g_resp:
                quote = lines[-1] if lines else inline.strip("(。)")
                d.assignments.append(assignment(label, "task", None, deadline, g_lead, g_resp, flags, quote))
    # ---- indicator table: 2021 / 2024 and a 责任单位 column
    d.blocks.append(Blk("heading", "三、主要指标"))
    d.blocks.append(Blk("paragraph", f"{city}主要指标目标值见下表。"))
    rows = [["序号", "指标", "2021年", "2024年", "责任单位"]]
    for n in range(1, rng.randint(3, 6) + 1):
        cands = [x for x in TABLE_INDICATORS if x[0] not in used]
        ind, ind_id, unit, lo, hi, dec, dom = rng.choice(cands)
        used.add(ind)
        a, b = grow(rng, lo, hi, dec)
        lead, resp = depts(dom, rng.randint(0, 2))
        cell = "、".join(lead + resp)
        rows.append([str(n), f"{ind}({unit})", a, b, cell])
        d.targets.append(target(ind, ind_id, num(b), unit, "=", 2024, {"value": num(a), "year": 2021}, [],
                                lead + resp, ["lead_not_stated"], ind, b))
        # a row of a table with a target-year column is due by that year (corpus/heldout/README.md)
        d.assignments.append(assignment(ind, "indicator", ind_id, by(2024, "2024年"), [], lead + resp,
                                        ["lead_not_stated"], cell))
    d.blocks.append(Blk("table", rows=rows))
    # ---- 保障措施
    d.blocks.append(Blk("heading", "四、保障措施"))
    cn = "一二三四五六"
    for j, (title, body) in enumerate(rng.sample(SAFEGUARDS, rng.randint(2, 4))):
        label = f"({cn[j]}){title}"
        if j == 0:
            resp = rng.sample(DEPARTMENTS, 2)
            d.blocks.append(Blk("list", f"{label}。{body}(责任单位:{'、'.join(resp)})"))
            d.assignments.append(assignment(label, "task", None, None, [], resp, ["lead_not_stated"],
                                            f"责任单位:{'、'.join(resp)}"))
        else:
            d.blocks.append(Blk("list", f"{label}。{body}各县(市、区)要结合实际抓好落实。"))
    return d


# ----------------------------------------------------------------------------- renderers


def render_txt(d: Doc, path: Path) -> None:
    out = []
    for b in d.blocks:
        if b.kind == "table":
            out.append("\n".join("\t".join(r) for r in b.rows))
        else:
            out.append(b.text)
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")


def render_html(d: Doc, path: Path) -> None:
    body = []
    for b in d.blocks:
        if b.kind == "heading" and b.text == d.title:
            body.append(f'<h1 style="text-align:center">{html.escape(b.text)}</h1>')
        elif b.kind == "heading":
            body.append(f"<p><strong>{html.escape(b.text)}</strong></p>")
        elif b.kind == "table":
            trs = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in b.rows)
            body.append(f'<table border="1" cellspacing="0">{trs}</table>')
        else:
            body.append(f"<p>{html.escape(b.text)}</p>")
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(d.title)}_{html.escape(d.city)}人民政府</title></head>
<body><div class="header"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/zcwj/">政策文件</a></div>
<div class="nav">当前位置: <a href="/">首页</a> &gt; <a href="/zcwj/">政策文件</a></div>
<div class="article">{"".join(body)}</div>
<div class="footer">主办单位:{html.escape(d.city)}人民政府办公室 版权所有 网站标识码 0000000000</div></body></html>
"""
    path.write_text(page, encoding="utf-8")


def render_docx(d: Doc, path: Path) -> None:
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    for b in d.blocks:
        if b.kind == "heading":
            p = doc.add_paragraph()
            run = p.add_run(b.text)
            run.bold = True
            run.font.size = Pt(16 if b.text == d.title else 12)
        elif b.kind == "table":
            t = doc.add_table(rows=len(b.rows), cols=len(b.rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(b.rows):
                for c, text in enumerate(row):
                    t.cell(r, c).text = text
        else:
            doc.add_paragraph(b.text)
    doc.save(str(path))


_PDF_STYLES = None


def _pdf_styles():
    global _PDF_STYLES
    if _PDF_STYLES is None:
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        base = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=18, wordWrap="CJK",
                              firstLineIndent=22)
        _PDF_STYLES = {
            "body": base,
            "title": ParagraphStyle("title", parent=base, fontSize=18, leading=26, alignment=1, firstLineIndent=0,
                                    spaceAfter=12),
            "heading": ParagraphStyle("heading", parent=base, fontSize=13, leading=20, firstLineIndent=0,
                                      spaceBefore=6),
            "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12, firstLineIndent=0),
        }
    return _PDF_STYLES


def render_pdf(d: Doc, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    st = _pdf_styles()
    flow = []
    for b in d.blocks:
        if b.kind == "table":
            data = [[Paragraph(html.escape(c), st["cell"]) for c in r] for r in b.rows]
            t = Table(data, colWidths=[12 * mm, 62 * mm, 20 * mm, 20 * mm, 50 * mm], repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
            flow += [t, Spacer(1, 6)]
        elif b.kind == "heading":
            flow.append(Paragraph(html.escape(b.text), st["title" if b.text == d.title else "heading"]))
        else:
            flow.append(Paragraph(html.escape(b.text), st["body"]))

    def footer(canvas, doc_) -> None:
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"— {doc_.page} —")

    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=25 * mm,
                      bottomMargin=22 * mm, title=d.title).build(flow, onFirstPage=footer, onLaterPages=footer)


RENDER = {"txt": render_txt, "html": render_html, "docx": render_docx, "pdf": render_pdf}


def generate(n: int, out: Path, *, seed: int = 7, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write ``n`` documents (formats rotating) with gold and metadata into ``out``; return their paths."""
    rng = random.Random(seed)
    cities = load_cities()
    out.mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(exist_ok=True)
    paths, meta = [], []
    for i in range(n):
        d = build(i, rng, cities)
        fmt = formats[i % len(formats)]
        path = out / f"{d.stem}.{fmt}"
        RENDER[fmt](d, path)
        gold = {"document": d.stem, "generated": True, "city": d.city, "targets": d.targets,
                "assignments": d.assignments}
        (out / "gold" / f"{d.stem}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")
        meta.append(f"{d.stem}:\n  title: {d.title}\n  issuer: {d.issuer}\n  date: '{d.date}'\n"
                    f"  status: final\n  city: {d.city}\n  province: {d.province}\n  files: [{path.name}]\n")
        paths.append(path)
    (out / "metadata.yaml").write_text("# generated by scripts/gen_scale_corpus.py\n" + "".join(meta),
                                       encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100, help="number of documents")
    ap.add_argument("--out", type=Path, required=True, help="output folder (gold in OUT/gold)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--formats", default=",".join(FORMATS), help="comma-separated, used in rotation")
    args = ap.parse_args(argv)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    bad = [f for f in formats if f not in RENDER]
    if bad:
        ap.error(f"unknown format(s): {', '.join(bad)}")
    t0 = time.perf_counter()
    paths = generate(args.n, args.out, seed=args.seed, formats=formats)
    print(f"{len(paths)} documents in {args.out} ({', '.join(formats)}), gold in {args.out / 'gold'}, "
          f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
