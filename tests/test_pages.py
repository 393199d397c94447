"""The analyst's pages over HTTP: what they show (read from the dossier), that they are
well-formed HTML5, escape the sources, link to their queries and CSV, and send a strict CSP.
The same pages driven in a real browser are in test_browser.py."""

from __future__ import annotations

import csv
import io
import re

import html5lib
import httpx
import pytest

from .conftest import Server

HTML = {"Accept": "text/html"}
PAGES = [
    "/",
    "/?lang=en",
    "/doc/qualification/BK-0568-1",
    "/doc/qualification/BK-0002-3",
    "/doc/knowledge/kantoorsoftware",
    "/doc/skill-type/cognitive",
    "/doc/profession/hr-deskundige",
    "/search?q=kantoorsoftware",
    "/browse?sort=level",
    "/compare?a=BK-0390-2&b=BK-0568-1",
    "/sparql",
]


def page(server: Server, path: str) -> str:
    response = httpx.get(server.url + path, headers=HTML, timeout=60, follow_redirects=True)
    assert response.status_code == 200, (path, response.text[:300])
    assert "script-src 'self'" in response.headers["content-security-policy"]
    return response.text


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_well_formed_html5(server: Server, path: str) -> None:
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(page(server, path))  # raises on the first parse error


def test_qualification_page_shows_the_dossier(server: Server) -> None:
    html = page(server, "/doc/qualification/BK-0568-1")
    text = text_of(html)
    assert "Office manager" in text and "BK-0568-1" in text
    assert "Kopieer URI" in text and "https://w3id.org/bkgraph/id/qualification/BK-0568-1" in text
    assert "beheert de administratieve en organisatorische processen" in text  # 1.2, line 21
    assert "4. Beheert de bedrijfscommunicatie" in text  # line 90
    assert html.count('<td class="tick"><span aria-label="problem-solving">') == 15  # 2.1
    assert html.count('<td class="tick"><span aria-label="cognitive">') == 62
    assert "M160401" in text and "OP-82" in text and "ROME M1604" in text  # 1.5, lines 39-40
    assert "3341 Office supervisors" in text  # via ESCO office manager
    assert "VDAB-Studiedienst" in text  # co-submitter, line 33
    # the career-path picture: Onthaalmedewerker (row 5, column 1) links to BK-0390-2
    assert re.search(r'<a href="/doc/qualification/BK-0390-2" class="cell linked">', html)
    # the chart tables carry the numbers of table III (line 463): Brussel HG 564 first
    assert re.search(r'id="table-regions">.*?<td>Brussel HG</td><td>564</td>', html, re.S)


def test_every_table_links_to_its_query_and_csv(server: Server) -> None:
    html = page(server, "/doc/qualification/BK-0568-1")
    links = re.findall(r'href="(/sparql\?query=[^"]+format=csv)"', html)
    assert len(links) >= 8
    regions = next(link for link in links if "VALUES" in link and "received" in link)
    response = httpx.get(server.url + regions.replace("&amp;", "&"), timeout=60)
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert response.status_code == 200 and rows[0]["region"] == "Brussel HG"


def test_concept_page_ranks_the_qualifications_that_need_it(server: Server) -> None:
    text = text_of(page(server, "/doc/knowledge/kantoorsoftware"))
    assert "office software" in text  # its ESCO skill (data/mappings/skills.sssom.tsv)
    assert "Office manager" in text and "BK-0568-1" in text
    match = re.search(r"(Gebruikt door|Used by): (\d+)", text)
    assert match and int(match.group(2)) == 20  # 20 qualifications ask for kantoorsoftware


def test_long_lists_are_paginated(server: Server) -> None:
    first = page(server, "/doc/skill-type/cognitive")
    second = page(server, "/doc/skill-type/cognitive?page=2")
    assert 'rel="next"' in first and 'rel="prev"' in second
    rows = re.findall(r'<td><a href="/id/qualification/[^"]+/activity/', first)
    assert len(rows) == 50


def test_search_groups_results_and_ignores_case_and_accents(server: Server) -> None:
    text = text_of(page(server, "/search?q=KANTOORSOFTWARE"))
    assert "knowledge elements" in text and "kantoorsoftware" in text
    accents = text_of(page(server, "/search?q=coordineert"))  # "Coördineert" in the dossier
    assert "Coördineert de informatiedoorstroom" in accents  # line 117
    english = text_of(page(server, "/search?q=office+manager"))
    assert "ESCO occupations" in english


def test_compare_shows_what_must_be_learned(server: Server) -> None:
    text = text_of(page(server, "/compare?a=BK-0390-2&b=BK-0568-1"))
    # section 4: Office manager in row 1 (line 476), Onthaalmedewerker in row 5 (line 480)
    assert "A staat in rij 5, B in rij 1" in text
    assert "managementtechnieken" in text  # asked by Office manager, not by Onthaalmedewerker


def test_browse_sorts_and_counts(server: Server) -> None:
    html = page(server, "/browse?sort=activities")
    codes = re.findall(r'<td><a href="/id/qualification/(BK-[0-9-]+)">', html)
    assert len(codes) == 61
    bad = httpx.get(server.url + "/browse?sort=nonsense", headers=HTML)
    assert bad.status_code == 422


def test_compare_refuses_a_bad_code(server: Server) -> None:
    assert httpx.get(server.url + "/compare?a=x&b=BK-0568-1", headers=HTML).status_code == 422
    missing = httpx.get(server.url + "/compare?a=BK-9999-9&b=BK-0568-1", headers=HTML)
    assert missing.status_code == 404


def test_language_switch(server: Server) -> None:
    assert "Beroepskwalificaties" in page(server, "/")
    assert "Qualifications" in page(server, "/?lang=en")


def test_esco_concept_page_lists_what_links_to_it(server: Server) -> None:
    iri = "http://data.europa.eu/esco/occupation/f7b04542-d8c7-42db-8475-e63b507cce82"
    text = text_of(page(server, "/resource?iri=" + iri))
    assert "receptionist" in text
    # data/mappings/occupations.sssom.tsv links two qualifications to it
    assert "Administratief medewerker onthaal" in text and "Onthaalmedewerker" in text


def test_source_html_is_escaped(server: Server) -> None:
    # the dossier's cells carry <ul style="list-style-type: none"> fragments (line 57)
    html = page(server, "/doc/qualification/BK-0568-1")
    assert '<ul style="list-style-type: none">' not in html
