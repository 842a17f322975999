"""Proper nouns: the courts, the company and the service are named the same way in every edition.

A name the master text uses (any [[names]] entry of parity.toml, in its Japanese form) must
appear in its translation in one of that edition's listed forms (Russian forms in the cases the
texts use): "Tokyo District Court" changed to "Osaka District Court" changes the law. And every
name in the master's facts (service, company, courts) must be comparable somewhere: kept as is
([[keep]], never translated) or listed in [[names]] with a form for every edition.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Code, Diagnostic, Severity, make
from ..parity.context import Context, unit_id
from ..parity.fields import fields, quote, where
from ..saying import listed, texts
from .unit import Check, Scope

TERM002 = Code("TERM002", Severity.ERROR,
               "a proper noun or fact's name in the master text is missing from its translation")
TERM003 = Code("TERM003", Severity.ERROR,
               "a name in the master's facts has no written forms to compare in the editions")

FACT_NAMES = ("service", "company", "courts")


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_texts(ctx: Context) -> Iterator[Diagnostic]:
    """Each name a master text uses, in one of its forms in every translation of that text."""
    names = ctx.config.prose.names
    m_lang = ctx.master.lang
    # The names each master text uses, found once for every edition.
    used: dict[str, list[tuple[str, int]]] = {}
    for k, name in enumerate(names):
        for form in name.forms.get(m_lang, ()):
            for mu in ctx.master_units:
                if form in (mu.text or "") or form in (mu.title or ""):
                    used.setdefault(mu.key, []).append((form, k))
    if not used:
        return
    for ed in ctx.editions.values():
        for pair in ctx.pairs(ed):
            found = used.get(pair.master.key)
            if not found:
                continue
            for f in fields(pair, ctx):
                text = _flat(f.text)
                seen: set[int] = set()
                for mine, k in found:
                    forms = names[k].forms.get(ed.lang, ())
                    if k in seen or mine not in f.master or not forms or any(
                            _flat(w) in text for w in forms):
                        continue
                    seen.add(k)
                    pos = where(ctx, pair, f)
                    yield make(TERM002, f"the master names {quote(mine)}, but the translation "
                               f"does not name it as {' or '.join(quote(w) for w in forms)}",
                               ed.file, pos.line, pos.col, unit=unit_id(pair.master),
                               lang=ed.lang,
                               hint="write the name as listed in [[names]] in parity.toml (a "
                                    "name changed here changes the law: check it against the "
                                    "master)",
                               params={"mine": quote(mine)[1:-1],
                                       "forms": listed([quote(w)[1:-1] for w in forms]),
                                       "field": f.name})
def check_facts(ctx: Context) -> Iterator[Diagnostic]:
    """Every name in the master's facts is compared: kept as is, or listed with its forms."""
    qa = ctx.config.prose
    kept = set(ctx.config.keep_forms())
    langs = [ctx.master.lang, *ctx.editions]
    for fact in FACT_NAMES:
        value = getattr(ctx.master.facts, fact)
        values = [value] if isinstance(value, str) else list(value)
        for v in values:
            if v in kept:
                continue
            listed_names = [n for n in qa.names if n.fact == fact
                            and any(v in forms for forms in n.forms.values())]
            missing = [lang for lang in langs
                       if not any(n.forms.get(lang) for n in listed_names)]
            if listed_names and not missing:
                continue
            pos = ctx.master_doc.pos(("facts", fact))
            what = (f"has no [[names]] entry with fact = \"{fact}\" listing it"
                    if not listed_names else f"has no written form for {', '.join(missing)}")
            yield make(TERM003, f"facts.{fact} names {quote(v)}, which {what}, so the "
                       "editions cannot be compared on it", ctx.master_doc.file, pos.line,
                       pos.col, unit=f"facts.{fact}",
                       hint="add a [[names]] entry to parity.toml with its form in every "
                            "edition, or a [[keep]] entry if it is never translated",
                       params={"fact": fact, "value": quote(v)[1:-1],
                               "missing": ", ".join(missing) if listed_names else "",
                               **({} if listed_names else {"form": "unlisted"})})

def run(ctx: Context) -> Iterator[Diagnostic]:
    yield from check_texts(ctx)
    yield from check_facts(ctx)


# What each code says to people, in ja, ru and en (engine/saying.py).
WORDS = {
    "TERM002": texts(
        "原文の固有名詞（裁判所、会社名、サービス名）が翻訳で正しく書かれていません。",
        "Имя собственное из оригинала (суд, компания, сервис) в переводе записано не так.",
        "A proper name of the master (court, company, service) is not written as listed.",
        message=("原文には「{mine}」とありますが、訳文には{forms:@or}がありません",
                 "в оригинале назван «{mine}», а в переводе нет {forms:@or}",
                 "the master names “{mine}”, but the translation does not name it as "
                 "{forms:@or}"),
        hint=("parity.toml の [[names]] のとおりに名前を書いてください。ここで名前が変わると"
              "法的な意味が変わるため、原文と照らし合わせてください",
              "напишите имя так, как оно указано в [[names]] в parity.toml (изменённое здесь "
              "имя меняет юридический смысл: сверьте его с оригиналом)",
              "write the name as listed in [[names]] in parity.toml (a name changed here "
              "changes the law: check it against the master)")),
    "TERM003": texts(
        "基本情報に書かれた名前に、言語版ごとの表記が登録されていません。",
        "Для имени в сведениях не указано, как оно пишется в каждой версии.",
        "A name in the facts has no written forms to compare in the editions.",
        message=("facts.{fact} の「{value}」には {missing} での表記が登録されていないため、"
                 "言語版どうしを比べられません",
                 "для «{value}» из facts.{fact} нет написания для {missing}, поэтому версии "
                 "нельзя сравнить",
                 "facts.{fact} names “{value}”, which has no written form for {missing}, so "
                 "the editions cannot be compared on it"),
        forms={"unlisted": ("facts.{fact} の「{value}」は [[names]]（fact = \"{fact}\"）に"
                            "登録されていないため、言語版どうしを比べられません{missing}",
                            "«{value}» из facts.{fact} нет в [[names]] (fact = \"{fact}\"), "
                            "поэтому версии нельзя сравнить{missing}",
                            "facts.{fact} names “{value}”, which has no [[names]] entry with "
                            "fact = \"{fact}\" listing it, so the editions cannot be compared "
                            "on it{missing}")},
        hint=("parity.toml に、すべての言語版での表記を書いた [[names]] を追加するか、翻訳しない"
              "名前なら [[keep]] を追加してください",
              "добавьте в parity.toml запись [[names]] с написанием во всех версиях или запись "
              "[[keep]], если имя не переводится",
              "add a [[names]] entry to parity.toml with its form in every edition, or a "
              "[[keep]] entry if it is never translated")),
}


CHECK = Check(name="names", scope=Scope.RUN, codes=(TERM002, TERM003), run=run,
              settings=("names", "keep"),
              summary="courts, company and service are named alike in every edition",
              words=WORDS,
              # TERM002: the names the master's text uses; not TERM003, about the master's
              # facts and the settings, in no translated unit
              compares=(TERM002,),
              follows_untranslated=(TERM002,), follows_master=True)
