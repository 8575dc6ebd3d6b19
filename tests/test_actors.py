"""Actor coding: who is who (country, sector, name) as of the story's date (issue #4)."""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re

import pytest
from conftest import DEV_DOC, ROOT, SHARED, read_cases

from eventwire.actors import ActorStage, story_country
from eventwire.actors.dictionary import Entry, code_at, load, norm_key, shared_surnames
from eventwire.nlp import NLP
from eventwire.pipeline import Pipeline
from eventwire.places import PlaceStage
from eventwire.records import Document, RawInput

CASES = read_cases("actors.jsonl")
MIN_CASE_ACCURACY = 0.95


@pytest.fixture(scope="module")
def coded():
    """Documents through the stages the actor stage needs, and no further."""
    pipe = Pipeline([NLP(), PlaceStage(), ActorStage()])

    def _run(text: str, published: str | None = "2022-01-07") -> Document:
        pub = dt.date.fromisoformat(published) if published else None
        return pipe(RawInput(doc_id="t", origin="t", text=text, published=pub))
    return _run


def words(s: str) -> str:
    return " " + re.sub(r"\W+", " ", s.lower()).strip() + " "


def found(doc: Document, case: dict) -> bool:
    """As the project scorer: the mention overlaps the phrase, holds its last word, and is coded right
    (an empty sector list in a case means the sector is not checked)."""
    want, last = words(case["actor"]), words(case["actor"].split()[-1])
    for m in doc.actors:
        got = words(m.actor.text)
        if (want in got or got in want) and last in got and m.actor.country == case["country"]:
            pred, gold = set(m.actor.sector), set(case["sector"])
            if not gold or pred & gold and len(pred - gold) <= len(pred & gold):
                return True
    return False


def test_actor_phrases_coded(coded):
    failures = []
    for case in CASES:
        doc = coded(case["text"], case["published"])
        if not found(doc, case):
            got = [(m.actor.text, m.actor.country, m.actor.sector) for m in doc.actors]
            want = f"{case['country']} {case['sector']}"
            failures.append(f"{case['actor']!r} in {case['text']!r}: want {want}, got {got}")
    accuracy = 1 - len(failures) / len(CASES)
    assert len(CASES) >= 150
    assert accuracy >= MIN_CASE_ACCURACY, "\n".join(failures)
    print(f"{len(failures)} of {len(CASES)} actor cases wrong:", *failures, sep="\n")


# every hand correction in data/actors/corrections.jsonl, on a day inside and a day outside its ranges
CORRECTIONS = [
    ("Kassym-Jomart Tokayev", "2022-01-07", "KAZ", ["GOV"]), ("Tokayev", "2016-01-01", "KAZ", ["LEG"]),
    ("Nursultan Nazarbayev", "2010-01-01", "KAZ", ["GOV"]), ("Nazarbayev", "2022-01-07", "KAZ", ["ELI"]),
    ("Joe Biden", "2022-01-07", "USA", ["GOV"]), ("Biden", "2019-01-01", "USA", ["ELI"]),
    ("Jen Psaki", "2022-01-07", "USA", ["GOV"]), ("Psaki", "2022-06-01", "USA", ["JRN"]),
    ("Liz Truss", "2022-01-07", "GBR", ["GOV"]), ("Liz Truss", "2023-05-01", "GBR", ["LEG"]),
    ("Jean-Yves Le Drian", "2022-01-07", "FRA", ["GOV"]), ("Le Drian", "2023-01-01", "FRA", ["ELI"]),
    ("Antony Blinken", "2022-01-07", "USA", ["GOV"]), ("Blinken", "2019-01-01", "USA", ["ELI"]),
    ("Volodymyr Zelensky", "2022-03-01", "UKR", ["GOV"]), ("Zelenskyy", "2018-01-01", "UKR", ["CVL"]),
    ("Emmanuel Macron", "2022-01-07", "FRA", ["GOV"]), ("Macron", "2017-01-01", "FRA", ["ELI"]),
    ("Olaf Scholz", "2022-01-07", "DEU", ["GOV"]), ("Scholz", "2025-06-01", "DEU", ["ELI"]),
    ("Recep Tayyip Erdogan", "2022-01-07", "TUR", ["GOV"]), ("Erdogan", "2001-08-14", "TUR", ["OPP"]),
    ("Vladimir Putin", "2022-01-07", "RUS", ["GOV"]), ("Putin", "1999-01-01", "RUS", ["SPY"]),
    ("Donald Trump", "2018-01-01", "USA", ["GOV"]), ("Trump", "2022-01-07", "USA", ["ELI"]),
    ("Barack Obama", "2012-01-01", "USA", ["GOV"]), ("Obama", "2022-01-07", "USA", ["ELI"]),
    ("Boris Johnson", "2021-01-01", "GBR", ["GOV"]), ("Boris Johnson", "2023-01-01", "GBR", ["ELI"]),
    ("Sergei Lavrov", "2022-01-07", "RUS", ["GOV"]), ("Antonio Guterres", "2022-01-07", None, ["IGO"]),
    ("Antonio Guterres", "2000-01-01", "PRT", ["GOV"]), ("Benjamin Netanyahu", "2022-01-07", "ISR", ["OPP"]),
    ("Netanyahu", "2023-06-01", "ISR", ["GOV"]), ("Rishi Sunak", "2023-01-01", "GBR", ["GOV"]),
    ("Keir Starmer", "2022-01-07", "GBR", ["OPP"]), ("Starmer", "2025-01-01", "GBR", ["GOV"]),
    ("Kamala Harris", "2022-01-07", "USA", ["GOV"]), ("Alexander Lukashenko", "2022-01-07", "BLR", ["GOV"]),
    ("Bashar al-Assad", "2020-01-01", "SYR", ["GOV"]), ("Assad", "2025-01-01", "SYR", ["ELI"]),
    ("Collective Security Treaty Organization", "2022-01-07", None, ["IGO"]), ("CSTO", None, None, ["IGO"]),
    ("Organization of Islamic Cooperation", "2022-01-07", None, ["IGO"]), ("EU", "2022-01-07", None, ["IGO"]),
    ("European Commission", "2022-01-07", None, ["IGO"]), ("UN Security Council", "2022-01-07", None, ["IGO"]),
    ("African Union", "2022-01-07", None, ["IGO"]), ("SCO", "2022-01-07", None, ["IGO"]),
    ("OSCE", "2022-01-07", None, ["IGO"]), ("Eurasian Economic Union", "2022-01-07", None, ["IGO"]),
    ("Arab League", "2022-01-07", None, ["IGO"]), ("Gulf Cooperation Council", "2022-01-07", None, ["IGO"]),
    ("World Health Organization", "2022-01-07", None, ["IGO"]), ("ICRC", "2022-01-07", None, ["IGO"]),
    ("Doctors Without Borders", "2022-01-07", None, ["NGO"]), ("Amnesty International", "2022-01-07", None, ["NGO"]),
    ("Human Rights Watch", "2022-01-07", None, ["NGO"]), ("Islamic State", "2022-01-07", None, ["REB"]),
    ("Knesset", "2022-01-07", "ISR", ["LEG"]), ("Bundestag", "2022-01-07", "DEU", ["LEG"]),
    ("State Duma", "2022-01-07", "RUS", ["LEG"]), ("Slobodan Milosevic", "1999-03-24", "SRB", ["GOV"]),
    ("Milosevic", "2001-04-01", "SRB", ["ELI"]), ("the Pope", "2001-12-25", "VAT", ["REL"]),
    ("LTTE", "2000-08-20", "LKA", ["REB"]), ("ANC", "1994-03-20", "ZAF", ["OPP"]),
    ("ANC", "1999-06-01", "ZAF", ["GOV"]),
    ("Chavez", "2002-04-20", "VEN", ["GOV"]), ("Hugo Chavez", "2015-01-01", "VEN", ["ELI"]),
    ("Solana", "2001-03-01", None, ["IGO"]), ("Javier Solana", "1990-01-01", "ESP", ["GOV"]),
    ("Organisation of African Unity", "1999-01-12", None, ["IGO"]),
    ("World Trade Organization", "2005-01-01", None, ["IGO"]),
    ("Commonwealth of Nations", "2002-03-19", None, ["IGO"]), ("European Council", "2010-01-01", None, ["IGO"]),
    ("European Central Bank", "2010-01-01", None, ["IGO"]), ("UN Human Rights Council", "2010-01-01", None, ["IGO"]),
    ("UN Commission on Human Rights", "2000-01-01", None, ["IGO"]),
    ("United Nations High Commissioner for Refugees", "1999-04-01", None, ["IGO"]),
    ("United Nations Relief and Works Agency", "2002-04-01", None, ["IGO"]),
    ("UN Office for the Coordination of Humanitarian Affairs", "2010-01-01", None, ["IGO"]),
    ("International Organization for Migration", "2010-01-01", None, ["IGO"]),
    ("UN Monitoring, Verification and Inspection Commission", "2003-01-01", None, ["IGO"]),
    ("UN Special Commission", "1998-01-01", None, ["IGO"]),
    ("International Criminal Court", "2009-03-04", None, ["IGO", "JUD"]),
    ("International Criminal Tribunal for the former Yugoslavia", "1999-05-27", None, ["IGO", "JUD"]),
    ("International Criminal Tribunal for Rwanda", "1998-09-02", None, ["IGO", "JUD"]),
    ("International Court of Justice", "2004-07-09", None, ["IGO", "JUD"]),
    ("Inter-American Commission on Human Rights", "2000-01-01", None, ["IGO"]),
    ("Inter-American Development Bank", "2000-01-01", None, ["IGO"]),
    ("African Development Bank", "2000-01-01", None, ["IGO"]),
    ("European Bank for Reconstruction and Development", "2000-01-01", None, ["IGO"]),
    ("Group of Eight", "2001-07-20", None, ["IGO"]), ("Paris Club", "2005-01-12", None, ["IGO"]),
    ("Asia-Pacific Economic Cooperation", "2001-10-21", None, ["IGO"]), ("Mercosur", "2001-01-01", None, ["IGO"]),
    ("Non-Aligned Movement", "2006-09-15", None, ["IGO"]), ("Warsaw Pact", "1990-01-01", None, ["IGO"]),
    ("Kosovo Force", "2000-05-01", None, ["IGO", "MIL"]), ("Stabilisation Force", "1997-05-01", None, ["IGO", "MIL"]),
    ("International Security Assistance Force", "2007-05-01", None, ["IGO", "MIL"]),
    ("UN Interim Force in Lebanon", "2006-08-20", None, ["IGO", "MIL"]),
    ("UN Protection Force", "1994-05-01", None, ["IGO", "MIL"]),
    ("UN mission in Congo", "2008-11-01", None, ["IGO", "MIL"]),
    ("UN mission in Sierra Leone", "2000-05-01", None, ["IGO", "MIL"]),
    ("UN mission in Haiti", "2005-07-01", None, ["IGO", "MIL"]),
    ("UN mission in Kosovo", "2000-05-01", None, ["IGO"]),
    ("EU rule of law mission in Kosovo", "2009-05-01", None, ["IGO"]),
    ("African Union-UN mission in Darfur", "2008-05-01", None, ["IGO", "MIL"]),
    ("African Union Mission in Somalia", "2010-05-01", None, ["IGO", "MIL"]),
    ("ECOWAS Monitoring Group", "1998-02-13", None, ["IGO", "MIL"]),
    ("International Federation of Red Cross and Red Crescent Societies", "2005-01-05", None, ["IGO"]),
    ("Save the Children", "2008-05-27", None, ["NGO"]), ("International Crisis Group", "2008-05-27", None, ["NGO"]),
    ("Committee to Protect Journalists", "2008-05-27", None, ["NGO"]),
    ("International Rescue Committee", "2008-05-27", None, ["NGO"]),
    ("Transparency International", "2008-05-27", None, ["NGO"]), ("Taliban", "1998-08-20", "AFG", ["GOV"]),
    ("Fatah", "2007-06-14", "PSE", ["PTY"]), ("Islamic Jihad", "2003-06-01", "PSE", ["REB"]),
    ("Al-Aqsa Martyrs Brigades", "2002-03-01", "PSE", ["REB"]),
    ("Popular Front for the Liberation of Palestine", "2001-10-17", "PSE", ["REB"]),
    ("UNITA", "1999-01-01", "AGO", ["REB"]), ("Revolutionary United Front", "2000-05-08", "SLE", ["REB"]),
    ("Lord's Resistance Army", "2005-01-01", "UGA", ["REB"]),
    ("Moro Islamic Liberation Front", "2003-02-11", "PHL", ["REB"]), ("Abu Sayyaf", "2001-05-27", "PHL", ["REB"]),
    ("Irish Republican Army", "1996-02-09", "GBR", ["REB"]),
    ("Justice and Equality Movement", "2008-05-10", "SDN", ["REB"]),
    ("Sudan Liberation Army", "2004-04-01", "SDN", ["REB"]), ("Polisario Front", "2000-01-01", "ESH", ["REB"]),
    ("Islamic Courts Union", "2006-07-01", "SOM", ["REB"]), ("Northern Alliance", "2000-09-01", "AFG", ["REB"]),
    ("Free Aceh Movement", "2003-05-19", "IDN", ["REB"]),
    ("National Liberation Army of Colombia", "2000-01-01", "COL", ["REB"]),
    ("Zapatista National Liberation Army", "1994-01-02", "MEX", ["REB"]),
    ("Communist Party of Nepal (Maoist)", "2002-01-01", "NPL", ["REB"]),
    ("Kurdistan Democratic Party", "2000-01-01", "IRQ", ["PTY"]), ("Gerhard Schroeder", "2002-09-01", "DEU", ["GOV"]),
    ("Angela Merkel", "2023-01-01", "DEU", ["ELI"]), ("Kim Jong Il", "1998-08-31", "PRK", ["GOV"]),
    ("Kim Jong Un", "2017-09-03", "PRK", ["GOV"]), ("Kim Il Sung", "1993-03-12", "PRK", ["GOV"]),
    ("Omar al-Bashir", "1998-08-20", "SDN", ["GOV"]), ("Hun Sen", "1997-07-06", "KHM", ["GOV"]),
    ("Hamid Karzai", "2016-01-01", "AFG", ["ELI"]), ("Robert Mugabe", "2019-01-01", "ZWE", ["ELI"]),
    ("Alvaro Uribe", "2004-05-01", "COL", ["GOV"]), ("Andres Pastrana", "1999-01-07", "COL", ["GOV"]),
    ("Saddam Hussein", "1998-12-17", "IRQ", ["GOV"]), ("Hafez al-Assad", "1996-01-01", "SYR", ["GOV"]),
    ("Assad", "1996-01-01", "SYR", ["GOV"]), ("King Hussein", "1994-10-26", "JOR", ["GOV"]),
    ("King Fahd", "1995-01-01", "SAU", ["GOV"]), ("Rafik Hariri", "2001-06-01", "LBN", ["GOV"]),
    ("Muammar Gaddafi", "2011-03-19", "LBY", ["GOV"]), ("Zine El Abidine Ben Ali", "2012-01-01", "TUN", ["ELI"]),
    ("Ali Abdullah Saleh", "2011-06-01", "YEM", ["GOV"]), ("Hosni Mubarak", "2012-06-02", "EGY", ["ELI"]),
    ("Mohammad Khatami", "1999-07-10", "IRN", ["GOV"]), ("Ali Khamenei", "2009-06-19", "IRN", ["GOV"]),
    ("Akbar Hashemi Rafsanjani", "1995-01-01", "IRN", ["GOV"]), ("Mahmoud Ahmadinejad", "2015-01-01", "IRN", ["ELI"]),
    ("Moqtada al-Sadr", "2004-04-05", "IRQ", ["REL"]), ("Ali al-Sistani", "2004-08-26", "IRQ", ["REL"]),
    ("Abu Musab al-Zarqawi", "2005-01-01", "IRQ", ["REB"]), ("Mullah Mohammad Omar", "2005-01-01", "AFG", ["REB"]),
    ("Ahmad Shah Massoud", "1999-01-01", "AFG", ["REB"]), ("Abdul Rashid Dostum", "2001-11-10", "AFG", ["MIL"]),
    ("Ismail Haniyeh", "2007-01-01", "PSE", ["GOV"]), ("Abdel Aziz Rantissi", "2004-04-01", "PSE", ["REB"]),
    ("Marwan Barghouti", "2002-04-15", "PSE", ["PTY"]), ("Ahmed Qurei", "2004-06-01", "PSE", ["GOV"]),
    ("Abdullah Ocalan", "1999-02-16", "TUR", ["REB"]), ("Jonas Savimbi", "1999-01-01", "AGO", ["REB"]),
    ("Foday Sankoh", "2000-05-08", "SLE", ["REB"]), ("Joseph Kony", "2005-10-14", "UGA", ["REB"]),
    ("Velupillai Prabhakaran", "2002-04-10", "LKA", ["REB"]), ("Manuel Marulanda", "2000-01-01", "COL", ["REB"]),
    ("Radovan Karadzic", "1995-07-12", "BIH", ["GOV"]), ("Ratko Mladic", "1995-07-12", "BIH", ["MIL"]),
    ("Alija Izetbegovic", "1995-11-21", "BIH", ["GOV"]), ("Franjo Tudjman", "1995-08-04", "HRV", ["GOV"]),
    ("Vojislav Kostunica", "2001-04-01", "SRB", ["GOV"]), ("Zoran Djindjic", "2002-01-01", "SRB", ["GOV"]),
    ("Boris Tadic", "2008-02-17", "SRB", ["GOV"]), ("Ibrahim Rugova", "2003-01-01", "XKX", ["GOV"]),
    ("Hashim Thaci", "1999-03-01", "XKX", ["REB"]), ("Aslan Maskhadov", "2002-10-24", "RUS", ["REB"]),
    ("Shamil Basayev", "2004-09-03", "RUS", ["REB"]), ("Dzhokhar Dudayev", "1995-01-01", "RUS", ["REB"]),
    ("Akhmad Kadyrov", "2003-10-05", "RUS", ["GOV"]), ("Ramzan Kadyrov", "2010-01-01", "RUS", ["GOV"]),
    ("Boris Yeltsin", "1994-12-11", "RUS", ["GOV"]), ("Mikhail Gorbachev", "1996-01-01", "RUS", ["ELI"]),
    ("Leonid Kuchma", "2000-11-28", "UKR", ["GOV"]), ("Viktor Yushchenko", "2004-11-22", "UKR", ["OPP"]),
    ("Mikheil Saakashvili", "2008-08-08", "GEO", ["GOV"]), ("Laurent Kabila", "1998-08-10", "COD", ["GOV"]),
    ("Joseph Kabila", "2006-10-29", "COD", ["GOV"]), ("Kabila", "2003-01-01", "COD", ["GOV"]),
    ("Mobutu Sese Seko", "1996-11-01", "COD", ["GOV"]), ("Isaias Afwerki", "1998-06-05", "ERI", ["GOV"]),
    ("Meles Zenawi", "1998-06-05", "ETH", ["GOV"]), ("Umaru Yar'Adua", "2008-01-01", "NGA", ["GOV"]),
    ("Goodluck Jonathan", "2012-01-01", "NGA", ["GOV"]), ("F.W. de Klerk", "1993-01-01", "ZAF", ["GOV"]),
    ("Jacob Zuma", "2012-01-01", "ZAF", ["GOV"]), ("Morgan Tsvangirai", "2002-03-01", "ZWE", ["OPP"]),
    ("John Garang", "2002-01-01", "SDN", ["REB"]), ("Abdullahi Yusuf Ahmed", "2006-12-28", "SOM", ["GOV"]),
    ("Sheikh Sharif Sheikh Ahmed", "2010-01-01", "SOM", ["GOV"]), ("Asif Ali Zardari", "2010-01-01", "PAK", ["GOV"]),
    ("Sheikh Hasina", "2004-08-21", "BGD", ["OPP"]), ("Mahinda Rajapaksa", "2009-05-18", "LKA", ["GOV"]),
    ("King Gyanendra", "2005-02-01", "NPL", ["GOV"]), ("Megawati Sukarnoputri", "2002-01-01", "IDN", ["GOV"]),
    ("Susilo Bambang Yudhoyono", "2016-01-01", "IDN", ["ELI"]), ("Joseph Estrada", "2000-05-01", "PHL", ["GOV"]),
    ("Gloria Macapagal Arroyo", "2012-01-01", "PHL", ["ELI"]), ("Thaksin Shinawatra", "2008-01-01", "THA", ["ELI"]),
    ("Mahathir Mohamad", "1998-09-20", "MYS", ["GOV"]), ("Than Shwe", "2007-09-26", "MMR", ["GOV"]),
    ("Aung San Suu Kyi", "2007-09-26", "MMR", ["OPP"]), ("Luiz Inacio Lula da Silva", "2015-01-01", "BRA", ["ELI"]),
    ("Vicente Fox", "2003-01-01", "MEX", ["GOV"]), ("Felipe Calderon", "2014-01-01", "MEX", ["ELI"]),
    ("Evo Morales", "2003-10-17", "BOL", ["OPP"]), ("Rafael Correa", "2019-01-01", "ECU", ["ELI"]),
    ("Mwai Kibaki", "2015-01-01", "KEN", ["ELI"]), ("Laurent Gbagbo", "2012-01-01", "CIV", ["ELI"]),
    ("Boutros Boutros-Ghali", "1994-04-01", None, ["IGO"]), ("Kofi Annan", "2012-04-01", None, ["IGO"]),
    ("Ban Ki-moon", "2010-01-01", None, ["IGO"]), ("Mohamed ElBaradei", "2003-03-07", None, ["IGO"]),
    ("Hans Blix", "2003-01-27", None, ["IGO"]), ("Richard Butler", "1998-12-16", None, ["IGO"]),
    ("Yukiya Amano", "2012-01-01", None, ["IGO"]), ("Lakhdar Brahimi", "2001-12-05", None, ["IGO"]),
    ("Staffan de Mistura", "2016-01-01", None, ["IGO"]), ("Sergio Vieira de Mello", "2003-06-01", None, ["IGO"]),
    ("Martti Ahtisaari", "2007-03-26", None, ["IGO"]), ("Carla Del Ponte", "2002-02-12", None, ["IGO", "JUD"]),
    ("Luis Moreno-Ocampo", "2008-07-14", None, ["IGO", "JUD"]), ("Navi Pillay", "2011-01-01", None, ["IGO"]),
    ("Sadako Ogata", "1994-07-20", None, ["IGO"]), ("Ruud Lubbers", "2003-01-01", None, ["IGO"]),
    ("George Robertson", "2001-09-12", None, ["IGO"]), ("Jaap de Hoop Scheffer", "2006-01-01", None, ["IGO"]),
    ("Anders Fogh Rasmussen", "2011-03-31", None, ["IGO"]), ("Jens Stoltenberg", "2018-07-11", None, ["IGO"]),
    ("Wesley Clark", "1999-04-01", None, ["IGO", "MIL"]), ("Romano Prodi", "2002-01-01", None, ["IGO"]),
    ("Jose Manuel Barroso", "2010-01-01", None, ["IGO"]), ("Herman Van Rompuy", "2012-01-01", None, ["IGO"]),
    ("Jean-Claude Juncker", "2016-01-01", None, ["IGO"]), ("Catherine Ashton", "2012-01-01", None, ["IGO"]),
    ("Federica Mogherini", "2016-01-01", None, ["IGO"]), ("Amr Moussa", "2006-01-01", None, ["IGO"]),
    ("Nabil Elaraby", "2012-01-01", None, ["IGO"]), ("Ekmeleddin Ihsanoglu", "2006-02-01", None, ["IGO"]),
    ("Jean Ping", "2010-01-01", None, ["IGO"]), ("Alpha Oumar Konare", "2005-01-01", None, ["IGO"]),
    ("Michel Camdessus", "1998-01-15", None, ["IGO"]), ("Horst Koehler", "2002-01-01", None, ["IGO"]),
    ("Rodrigo Rato", "2006-01-01", None, ["IGO"]), ("Dominique Strauss-Kahn", "2009-01-01", None, ["IGO"]),
    ("Christine Lagarde", "2015-01-01", None, ["IGO"]), ("James Wolfensohn", "2000-01-01", None, ["IGO"]),
    ("Paul Wolfowitz", "2003-01-01", "USA", ["GOV"]), ("Pascal Lamy", "2008-07-29", None, ["IGO"]),
    ("Mike Moore", "2001-11-14", None, ["IGO"]), ("Supachai Panitchpakdi", "2004-01-01", None, ["IGO"]),
    ("Josep Borrell", "2022-03-01", None, ["IGO"]), ("Borrell", "2019-01-01", "ESP", ["GOV"]),
    ("KLA", "1998-04-01", "XKX", ["REB"]), ("Contact Group", "1998-03-09", None, ["IGO"]),
    ("Quartet", "2003-04-30", None, ["IGO"]),
    ("the West", None, None, ["IGO"]), ("Houthis", "2015-03-26", "YEM", ["REB"]),
    ("Tehreek-e-Taliban Pakistan", "2014-12-16", "PAK", ["REB"]), ("Kurdish", "1995-01-01", "TUR", ["CVL"]),
    ("Janjaweed", "2004-07-01", "SDN", ["UAF"]),
    ("Mary Robinson", "2000-01-01", None, ["IGO"]), ("Mary Robinson", "1993-01-01", "IRL", ["GOV"]),
    ("Richard Butler", "1998-12-16", None, ["IGO"]), ("Richard Butler", "2005-01-01", "AUS", ["ELI"]),
    ("Carl Bildt", "2000-01-01", None, ["IGO"]), ("Carl Bildt", "2010-01-01", "SWE", ["GOV"]),
    ("Ahtisaari", "1999-06-03", "FIN", ["GOV"]), ("Ahtisaari", "2007-03-26", None, ["IGO"]),
    ("Kouchner", "2000-01-01", None, ["IGO"]), ("Kouchner", "2008-01-01", "FRA", ["GOV"]),
    ("Yasushi Akashi", "1994-04-10", None, ["IGO"]), ("Akashi", "2005-01-01", "JPN", ["ELI"]),
    ("Jacques Paul Klein", "2000-01-01", None, ["IGO"]), ("Jacques Klein", "2010-01-01", "USA", ["ELI"]),
    ("Lord Owen", "1993-01-02", None, ["IGO"]), ("David Owen", "2000-01-01", "GBR", ["ELI"]),
    ("Thorvald Stoltenberg", "1994-01-01", None, ["IGO"]), ("Thorvald Stoltenberg", "1991-01-01", "NOR", ["GOV"]),
    ("Cyrus Vance", "1992-01-02", None, ["IGO"]), ("Cyrus Vance", "1978-01-01", "USA", ["GOV"]),
    ("Boutros-Ghali", "1995-01-01", None, ["IGO"]), ("Boutros Boutros-Ghali", "2000-01-01", "EGY", ["ELI"]),
    ("Waldheim", "1975-01-01", None, ["IGO"]), ("Kurt Waldheim", "1988-01-01", "AUT", ["GOV"]),
    ("Sassou Nguesso", "2005-01-01", "COG", ["GOV"]), ("Denis Sassou Nguesso", "1995-01-01", "COG", ["ELI"]),
    ("Felix Tshisekedi", "2020-01-01", "COD", ["GOV"]), ("Felix Tshisekedi", "2015-01-01", "COD", ["OPP"]),
    ("von der Leyen", "2022-03-01", None, ["IGO"]), ("Ursula von der Leyen", "2015-01-01", "DEU", ["GOV"]),
    ("Nikki Haley", "2017-06-01", "USA", ["GOV"]), ("Haley", "2020-01-01", "USA", ["ELI"]),
    ("Rex Tillerson", "2017-06-01", "USA", ["GOV"]), ("Tillerson", "2010-01-01", "USA", ["BUS"]),
    ("Pompeo", "2019-01-01", "USA", ["GOV"]), ("Mike Pompeo", "2017-06-01", "USA", ["SPY"]),
    ("Mattis", "2018-01-01", "USA", ["GOV", "MIL"]), ("Jim Mattis", "2015-01-01", "USA", ["ELI"]),
    ("Pence", "2018-01-01", "USA", ["GOV"]), ("Mike Pence", "2022-01-07", "USA", ["ELI"]),
    ("Bolton", "2019-01-01", "USA", ["GOV"]), ("John Bolton", "2012-01-01", "USA", ["ELI"]),
    ("Esper", "2020-01-01", "USA", ["GOV", "MIL"]), ("Mark Esper", "2022-01-07", "USA", ["ELI"]),
    ("Kerry", "2015-01-01", "USA", ["GOV"]), ("John Kerry", "2000-01-01", "USA", ["LEG"]),
    ("Hagel", "2014-01-01", "USA", ["GOV", "MIL"]), ("Chuck Hagel", "2020-01-01", "USA", ["ELI"]),
    ("Modi", "2016-01-01", "IND", ["GOV"]), ("Narendra Modi", "1995-01-01", "IND", ["PTY"]),
    ("European Court of Human Rights", "2015-01-01", None, ["IGO", "JUD"]),
]


def test_every_correction_is_tested():
    rows = [json.loads(line) for line in (ROOT / "src/eventwire/data/actors/corrections.jsonl").read_text().splitlines()
            if line.strip() and not line.startswith("//")]
    tested = {norm_key(name) for name, *_ in CORRECTIONS}
    untested = [r["name"] for r in rows if not tested & {norm_key(a) for a in [r["name"], *r["aliases"]]}]
    assert not untested


@pytest.mark.parametrize("name,day,country,sector", CORRECTIONS, ids=[f"{c[0]}@{c[1]}" for c in CORRECTIONS])
def test_correction_dated(name, day, country, sector):
    entry = load().names[norm_key(name)]
    assert code_at(entry, dt.date.fromisoformat(day) if day else None) == (country, sector)


def test_petrarch_ranges_apply_only_between_their_dates():
    """PETRARCH2's CountryInfo roles: Ariel Sharon was prime minister of Israel 2001-2006."""
    entry = load().names["ariel sharon"]
    assert code_at(entry, dt.date(2003, 1, 1)) == ("ISR", ["GOV"])
    assert code_at(entry, dt.date(1995, 1, 1))[1] != ["GOV"]


def test_shared_surname_keeps_one_persons_overlapping_terms():
    """PETRARCH2 gives some people overlapping terms; only another person's overlapping term is left out."""
    first = Entry("Ana Torres", (("ESP", ("GOV",), "1995-07-01", "1995-12-31"),
                                 ("ESP", ("GOV",), "1995-12-05", "1999-10-06")))
    second = Entry("Luis Torres", (("ESP", ("GOV",), "1996-01-01", "1997-01-01"),))
    entry = shared_surnames([first, second], {id(first): 3, id(second): 1})["torres"]
    assert code_at(entry, dt.date(1998, 6, 1)) == ("ESP", ["GOV"])
    assert [c[2] for c in entry.codes if c[2]] == ["1995-07-01", "1995-12-05"]


def test_derived_dictionary_is_current():
    """dictionary.json is exactly what scripts/build_actor_dictionary.py makes from ../shared/data."""
    assert (SHARED / "data" / "petrarch2").is_dir(), "../shared must sit beside the repository"
    spec = importlib.util.spec_from_file_location("build_actor_dictionary", ROOT / "scripts/build_actor_dictionary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.dump(module.build()) == (ROOT / "src/eventwire/data/actors/dictionary.json").read_text("utf-8")


def test_dev_article_actors(coded):
    """Every gold actor of the dev article is found with its country and sector; offsets are exact."""
    gold = json.loads(DEV_DOC.with_suffix(".gold.json").read_text())
    doc = coded(DEV_DOC.read_text(), gold["published"])
    for m in doc.actors:
        assert doc.text[m.start:m.end] == m.actor.text
    missed = [g["text"] for g in gold["actors"]
              if not found(doc, {"actor": g["text"], "country": g["country"], "sector": g["sector"]})]
    assert not missed


def test_metonym_is_an_actor_not_a_place(coded):
    doc = coded("The force of the Collective Security Treaty Organization, which is led by Moscow, arrived.")
    moscow = [m for m in doc.actors if m.actor.text == "Moscow"]
    assert moscow and moscow[0].kind == "metonym" and moscow[0].actor.country == "RUS"


def test_surname_after_full_name_keeps_text_roles(coded):
    """The text says who he is; the dictionary knows nothing about this man."""
    doc = coded("Kenyan police chief Paul Mwangi spoke to reporters. Mwangi said five suspects were held.")
    later = [m for m in doc.actors if m.actor.text == "Mwangi"]
    assert later and (later[0].actor.country, later[0].actor.sector) == ("KEN", ["COP"])
    assert later[0].actor.name == "Paul Mwangi"


def test_story_country_prefers_most_mentioned(coded):
    doc = coded("Protests spread across Kazakhstan. In Almaty, Kazakhstan's largest city, police fired tear gas. "
                "Russia said it was watching.")
    assert story_country(doc) == "KAZ"
    police = [m for m in doc.actors if m.actor.text == "police"]
    assert police[0].actor.country == "KAZ"


def test_igo_keeps_null_country_when_led_by_a_state(coded):
    doc = coded("The CSTO, a military alliance led by Russia, sent 2,500 troops.")
    csto = [m for m in doc.actors if m.actor.text.endswith("CSTO")]
    assert csto and csto[0].actor.country is None and csto[0].actor.sector == ["IGO"]


@pytest.mark.parametrize("text", [
    "Indonesian police arrested three suspects in the Bali bombing.",
    "Gunmen attacked a police station in the Delmas district of Port-au-Prince.",
    "France pledged to help the Sahel states fight Islamist militants.",
    "Rwandan-backed rebels captured the town of Goma.",
])
def test_place_named_like_a_surname_is_no_person(coded, text):
    """Bali, Delmas, Sahel and Goma are dictionary surnames (Algerian, French, Moroccan, Congolese officials) and
    known places."""
    doc = coded(text, "2004-03-05")
    assert not [m for m in doc.actors if m.kind == "entity" and m.actor.country in ("DZA", "FRA", "MAR", "COG")]


def test_title_after_as_is_the_persons(coded):
    """The text says what Kostunica is; the dictionary does not know him."""
    doc = coded("Kostunica met Bosnian Serb leaders in Banja Luka on his first trip abroad as Yugoslav president.",
                "2000-10-13")
    kostunica = [m for m in doc.actors if m.actor.text == "Kostunica"]
    assert kostunica and (kostunica[0].actor.country, kostunica[0].actor.sector) == ("SRB", ["GOV"])
    assert not [m for m in doc.actors if m.actor.text == "Banja Luka"]
