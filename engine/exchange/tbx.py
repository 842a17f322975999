"""The vocabulary as a TBX glossary (TBX-Basic, ISO 30042 `martif`): each term with its label in every edition.

One termEntry per vocabulary term (id `<kind>.<term id>`, e.g. `data.personal`), with a
langSet per edition holding the label as the term, the kind as its subject field, and the
master's description, when it has one, as the definition. CAT tools load it as a termbase so
that translators see the policy's own words for its terms.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..diagnostics import PolicyLoadError, make
from ..loader import Sources
from ..model import VOCABULARY_KINDS, Term

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def export_tbx(src: Sources) -> str:
    """The TBX document of the master's vocabulary and every edition's labels, as text."""
    if src.master is None:
        problems = [d for d in src.diagnostics if d.severity.name == "ERROR"] or [
            make("POLICY009", "no valid master edition", str(src.folder))]
        raise PolicyLoadError(problems)
    master = src.master
    langs = [master.lang, *sorted(src.translations)]
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: master.lang})
    header = ET.SubElement(root, "martifHeader")
    desc = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(desc, "p").text = (
        f"{master.facts.service} privacy policy {master.facts.version}: vocabulary labels in "
        f"{', '.join(langs)}")
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for kind in VOCABULARY_KINDS:
        terms: dict[str, Term] = getattr(master.vocabulary, kind)
        for term_id, term in terms.items():
            entry = ET.SubElement(body, "termEntry", {"id": f"{kind}.{term_id}"})
            ET.SubElement(entry, "descrip", {"type": "subjectField"}).text = kind
            labels = {master.lang: term.label}
            for lang in langs[1:]:
                label = getattr(src.translations[lang].vocabulary, kind).get(term_id)
                if label:
                    labels[lang] = label
            for lang in langs:
                if lang not in labels:
                    continue
                lang_set = ET.SubElement(entry, "langSet", {XML_LANG: lang})
                if lang == master.lang and term.description:
                    ET.SubElement(lang_set, "descrip", {"type": "definition"}).text = \
                        term.description
                tig = ET.SubElement(lang_set, "tig")
                ET.SubElement(tig, "term").text = labels[lang]
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
        root, encoding="unicode") + "\n"
