"""Event triggers: the words that signal a PLOVER event, with the type and mode each signals.

Written for wirewatch from the PLOVER 2.0 manual's category definitions (what each type covers,
in our own word lists), not copied from any CAMEO verb dictionary. Tuned on the PLOVER GSR
(eval/plover_gsr.py): the GSR sentences showed which verbs were missing or too greedy; no GSR
sentence or answer is stored here.

A trigger has a *role*:

- ``event``   the word itself is the event ("arrested", "met", "praised");
- ``intent``  an expressed intention; the event is AGREE, or CONCEDE/THREATEN by what is intended
              ("agreed to hold talks", "vowed to retaliate");
- ``request`` a request; the event is REQUEST whatever is asked ("urged X to withdraw");
- ``threat``  a threat; THREATEN, with the mode taken from what is threatened;
- ``refuse``  a refusal; REJECT, with the mode taken from what is refused;
- ``noun``    an event noun that needs a light verb ("held talks", "staged a protest",
              "imposed sanctions") or a subject of its own.

Verbs are listed by lemma; :func:`verb_forms` generates the inflected forms, so no lemmatizer is
needed at run time (one spaCy component fewer).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Trigger", "TRIGGERS", "LIGHT_VERBS", "MOTION_VERBS", "ONGOING_VERBS", "REPORTING_VERBS", "HEDGE_VERBS",
           "verb_forms", "noun_forms"]


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None
    role: str
    lemma: str
    object_actor: bool = False
    """Only an event when its object is a coded actor ("told Xi ..." yes, "told reporters" no)."""
    objects: frozenset[str] | None = None
    """Only an event when its direct object is one of these words ("opened its borders")."""


_IRREGULAR: dict[str, tuple[str, ...]] = {
    "meet": ("met",), "hold": ("held",), "give": ("gave", "given"), "speak": ("spoke", "spoken"),
    "tell": ("told",), "seek": ("sought",), "fight": ("fought",), "shoot": ("shot",),
    "beat": ("beaten",), "send": ("sent",), "lend": ("lent",), "withdraw": ("withdrew", "withdrawn"),
    "blow": ("blew", "blown"), "strike": ("struck", "stricken"), "break": ("broke", "broken"),
    "lead": ("led",), "bring": ("brought",), "sell": ("sold",), "cut": ("cut",), "set": ("set",),
    "put": ("put",), "quit": ("quit",), "hit": ("hit",), "shut": ("shut",), "overrun": ("overran",),
    "undertake": ("undertook", "undertaken"), "forgive": ("forgave", "forgiven"),
    "take": ("took", "taken"), "have": ("had", "has"), "make": ("made",), "pay": ("paid",),
    "win": ("won",), "begin": ("began", "begun"), "drive": ("drove", "driven"),
    "forbid": ("forbade", "forbidden"), "steal": ("stole", "stolen"), "slay": ("slew", "slain"),
    "lay": ("laid",), "fly": ("flew", "flown"), "go": ("went", "gone", "goes"),
    "throw": ("threw", "thrown"), "keep": ("kept",), "rebuild": ("rebuilt",), "build": ("built",),
    "sign": ("signed",), "say": ("said", "says"), "write": ("wrote", "written"),
    "rise": ("rose", "risen"), "stand": ("stood",), "come": ("came",), "run": ("ran",),
    "seize": ("seized",), "deny": ("denied", "denies"), "freeze": ("froze", "frozen"),
    "get": ("got", "gotten"), "do": ("did", "done"), "catch": ("caught",), "bid": ("bid",),
}
# Verbs whose final consonant doubles ("ban" -> "banned", "banning").
_DOUBLE = {"ban", "bar", "plan", "stop", "ship", "rob", "admit", "commit", "regret",
           "abet", "rebut", "hug", "tap", "mob", "drop", "prod", "slam", "shun", "nab", "grab",
           "cap", "curb", "kidnap", "sum", "scrap", "occur", "refer", "prefer", "confer", "transfer",
           "rebel", "compel", "expel", "repel", "propel", "patrol", "control", "equip", "pin",
           "submit", "permit", "veto", "quit", "cancel", "label", "travel", "level", "fuel",
           "signal", "total", "model", "channel", "counsel", "dial"}


def verb_forms(lemma: str) -> list[str]:
    """Base, third-person, past and -ing forms of a (possibly multi-word) verb phrase."""
    head, *rest = lemma.split()
    forms = {head}
    if head.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(head + "es")
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        forms.add(head[:-1] + "ies")
    else:
        forms.add(head + "s")
    if head in _DOUBLE and head != "veto":
        forms.update({head + head[-1] + "ed", head + head[-1] + "ing"})
    elif head.endswith("e"):
        forms.update({head + "d", (head[:-1] if not head.endswith("ee") else head) + "ing"})
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        forms.update({head[:-1] + "ied", head + "ing"})
    else:
        forms.update({head + "ed", head + "ing"})
    if head == "veto":
        forms.update({"vetoed", "vetoing", "vetoes"})
    forms.update(_IRREGULAR.get(head, ()))
    return sorted(" ".join([f, *rest]) for f in forms)


def noun_forms(noun: str) -> list[str]:
    *rest, head = noun.split()
    if head.endswith(("s", "sh", "ch", "x")):
        plural = head + "es"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        plural = head[:-1] + "ies"
    else:
        plural = head + "s"
    return [noun, " ".join([*rest, plural])]


def _v(type_: str, mode: str | None, role: str, words: str, object_actor: bool = False,
       objects: str = "") -> list[Trigger]:
    objs = frozenset(o.strip() for o in objects.split(",") if o.strip()) or None
    return [Trigger(type_, mode, role, w.strip(), object_actor, objs) for w in words.split(",") if w.strip()]


# What is lifted or eased decides between a retreat (sanctions, blockades, sieges: CAMEO 085/087
# map to RETREAT) and a verbal concession. The PLOVER manual's CONCEDE names removing curfews and
# easing legal restrictions on persons: a lifted curfew, state of emergency or martial law is a
# promise not to enforce them, not a material retreat (see _EASED_CONCEDE).
_EASED_RETREAT = "sanctions, sanction, embargo, embargoes, blockade, blockades, siege, sieges"
_EASED_CONCEDE = ("curfew, curfews, emergency, state of emergency, law, martial law, emergency rule, "
                  "restrictions on movement")
# Goods whose sending is aid (CAMEO 07: economic, military, humanitarian aid), whatever the verb
# of moving them ("sent arms to", "handed over medicine to", "airlifted food to").
_AID_GOODS = ("aid, arms, weapons, ammunition, food, medicine, medicines, medical supplies, supplies, "
              "relief, relief supplies, assistance, money, funds, vaccines, fuel, tents, blankets, "
              "grain, rice, wheat, equipment, material, materiel, humanitarian aid, military aid, "
              "loans, credits, funding, financing, budget support, grants, donations")
# People whose sending or receiving is about monitoring (CAMEO 0862 receive inspectors -> RETREAT
# access; sending them is investigating).
_MONITORS = ("inspectors, investigators, monitors, observers, mission, fact-finding mission, "
             "fact-finding team, experts")
_MONITORS_RECEIVED = _MONITORS + ", peacekeepers, peacekeeping force, peacekeeping troops, aid workers"
# What is cancelled or revoked decides between a verbal concession (a ban, a restriction on freedoms:
# CAMEO 081) and plain rejection (a visit, talks: see _CANCELLED_CONTACT).
_RESTRICTIONS = ("restrictions, restriction, ban, bans, censorship, decree, decrees, law, laws, "
                 "requirement, requirements, controls, limits, curbs, order, ruling, sentence, "
                 "sentences, conviction, charges, orders, decision, decisions, investigation, probe, case, "
                 "prosecution, travel ban, embargo")
_CANCELLED_CONTACT = "visit, trip, talks, meeting, meetings, summit, tour, negotiations, consultations"
_ROADS = ("road, roads, street, streets, highway, highways, traffic, access, entrance, entrances, "
          "bridge, bridges, railway, railways, route, routes, junction, junctions, border crossing")
_FORCES = ("forces, troops, presence, military presence, garrison, garrisons, patrols, defences, defenses, "
           "soldiers, platoon, platoons, battalion, battalions, brigade, brigades, contingent, contingents, "
           "unit, units, warships, warship, fighter jets, jets, warplanes, bombers, marines, special forces, "
           "paratroopers, commandos, tanks, missiles, navy, naval forces, reinforcements")
# Sending peacekeepers is giving military protection (CAMEO 074, AID), not mobilising.
_PEACEKEEPERS = ("peacekeepers, peacekeeping troops, peacekeeping force, peacekeeping forces, peacekeeping mission, "
                 "peacekeeping contingent, peace-keepers, peacekeeping battalion, blue helmets")
_GATHERINGS = ("demonstration, demonstrations, protest, protests, rally, rallies, march, marches, "
               "meeting, meetings, gathering, gatherings, strike, sit-in, vigil, procession")
_OPENED = "border, borders, crossing, crossings, airspace, corridor, corridors, port, ports, road, roads, bridge"
_ANY_OBJECT = "*"


# (type, mode, role, comma-separated lemmas). Multi-word entries are matched as contiguous words.
_VERBS: list[Trigger] = [
    # Expressions of intent: the manual's AGREE covers promises, offers and agreements to act.
    *_v("AGREE", None, "intent", "agree, promise, pledge, offer, vow, commit, consent, undertake, "
        "volunteer, resolve, decide, plan, intend, propose, be ready, be willing, be prepared"),
    *_v("AGREE", None, "event", "accept, reach agreement, strike a deal, reach a deal, broker"),
    # Signing, ratifying or finalising an agreement is diplomatic cooperation (the manual's
    # SUPPORT; CAMEO 057 -> SUPPORT).
    *_v("SUPPORT", None, "event", "sign, ratify"),
    # "concluded that ..." reports a finding: concluding is an event only with an agreement as object.
    *_v("SUPPORT", None, "event", "conclude, finalize, finalise",
        objects="agreement, agreements, deal, deals, treaty, treaties, pact, pacts, accord, accords, "
                "contract, contracts, memorandum, protocol, convention, talks, negotiations"),
    # Meetings, calls, negotiations, mediation.
    *_v("CONSULT", None, "event", "meet, negotiate, confer, consult, discuss, mediate, talk, "
        "speak with, speak to, meet with, hold talks, phone, telephone, convene"),
    *_v("CONSULT", None, "event", "tell", object_actor=True),
    *_v("CONSULT", "visit", "event", "visit, travel to, fly to"),
    *_v("CONSULT", "host", "event", "host, receive, welcome to"),
    # Admitting monitors or peacekeepers is allowing international involvement (CAMEO 086).
    *_v("RETREAT", "access", "event", "receive, admit, accept, allow, let, allow in, let in, welcome",
        objects=_MONITORS_RECEIVED),
    # Sending inspectors or investigators is investigating.
    *_v("ACCUSE", "investigate", "event", "dispatch, send", objects=_MONITORS),
    # Verbal support.
    *_v("SUPPORT", None, "event", "praise, endorse, back, support, defend, recognize, recognise, "
        "commend, applaud, hail, congratulate, thank, side with, stand by, vouch for, forgive, "
        "welcome, appreciate, laud, upgrade, restore, normalize, normalise, establish relations"),
    # Opening formal diplomatic relations is diplomatic cooperation (the manual's SUPPORT).
    *_v("SUPPORT", None, "event", "establish ties, establish diplomatic ties, establish diplomatic relations, "
        "open an embassy, reopen an embassy, open embassy, reopen embassy, restore ties, "
        "restore diplomatic ties, restore diplomatic relations, resume diplomatic relations"),
    # Verbal concessions.
    *_v("RETREAT", None, "event", "lift, ease, relax", objects=_EASED_RETREAT),
    *_v("CONCEDE", None, "event", "lift, ease, relax, shorten, end, suspend, cancel, revoke",
        objects=_EASED_CONCEDE),
    # CAMEO 055 (apologise) is diplomatic cooperation, SUPPORT in CAMEO2PLOVER.
    *_v("SUPPORT", None, "event", "apologize, apologise"),
    # Lifting a ban or revoking a restrictive decree: a verbal concession (CAMEO 081).
    *_v("CONCEDE", None, "event", "cancel, abolish, scrap, revoke, repeal, rescind, overturn, annul, "
        "quash, drop, withdraw, reverse, roll back", objects=_RESTRICTIONS),
    *_v("CONCEDE", None, "event", "allow, permit, pardon, concede, ease, "
        "lift, relax, grant amnesty, amnesty, acquit, legalize, yield, cede, compromise, "
        "loosen, reinstate, call off, legalise, unblock, unfreeze"),
    # Granting a permission, a request or an exemption yields to what was asked (the manual's
    # CONCEDE: easing legal or administrative restrictions); granting aid or asylum is AID.
    *_v("CONCEDE", None, "event", "grant",
        objects="permission, approval, request, requests, extension, leave, waiver, exemption, "
                "exemptions, bail, clemency, concession, concessions, reprieve, stay, license, licence, "
                "right, rights, access"),
    # Material cooperation.
    *_v("COOPERATE", None, "event", "cooperate, co-operate, collaborate, extradite, "
        "exchange, partner with, join forces, trade with, share"),
    # Withdrawing a demand or an objection is a concession (the manual's REQUEST notes).
    *_v("CONCEDE", None, "event", "withdraw, drop, abandon, give up, waive", objects="demand, demands, "
        "claim, claims, objection, objections, precondition, preconditions, condition, conditions, veto"),
    # Debt forgiveness is aid (the manual's AID).
    *_v("AID", None, "event", "forgive, write off, cancel, waive, relieve", objects="debt, debts, loans, "
        "loan, arrears, debt obligations, loan obligations, foreign debt"),
    # Material aid (including asylum and rescues, per the manual).
    *_v("AID", None, "event", "send, ship, deliver, hand over, airlift, airdrop, donate, give, provide, "
        "supply, transfer, fly in, truck in, distribute", objects=_AID_GOODS),
    *_v("AID", None, "event", "aid, assist, help, donate, grant, provide, supply, give, send aid, "
        "deliver, fund, finance, lend, rescue, shelter, evacuate, feed, airlift"),
    # Retreats: withdrawals, releases, disarmament, ceasefires, access, resignations.
    *_v("RETREAT", "withdraw", "event", "withdraw, pull out, pull back, retreat, evacuate from, "
        "demobilize, demobilise"),
    *_v("RETREAT", "release", "event", "release, free, hand over, repatriate, set free, let free, let go"),
    *_v("RETREAT", "release", "event", "return", objects=_ANY_OBJECT),
    *_v("RETREAT", "disarm", "event", "disarm, surrender, lay down, decommission"),
    *_v("RETREAT", "ceasefire", "event", "halt fire, stop fighting, cease fire"),
    # Ceasing or halting military operations is a ceasefire in deed (CAMEO 0874 -> RETREAT).
    *_v("RETREAT", "ceasefire", "event", "cease, halt, stop, suspend, end",
        objects="operations, military operations, attacks, hostilities, fighting, offensive, shelling, "
                "bombing, airstrikes, raids"),
    # Lowering tariffs or duties eases an economic sanction (CAMEO 085 -> RETREAT).
    *_v("RETREAT", "ease", "event", "reduce, lower, cut, roll back, remove, scrap, suspend, waive",
        objects="tariffs, tariff, duties, levies, import duties, customs duties"),
    # Paying compensation or reparations is aid (the manual's AID; court-ordered payments aside).
    *_v("AID", None, "event", "pay", objects="compensation, reparations, damages, indemnity"),
    # Reaffirming a commitment or support is an expression of support.
    *_v("SUPPORT", None, "event", "reaffirm, reiterate",
        objects="commitment, support, backing, solidarity, respect, friendship"),
    # Complying with a demand or a requirement yields to it.
    *_v("CONCEDE", None, "event", "comply with, abide by"),
    *_v("RETREAT", "access", "event", "open, reopen, re-open", objects=_OPENED),
    *_v("RETREAT", "access", "event", "admit"),
    *_v("RETREAT", "resign", "event", "resign, step down, quit, abdicate, step aside"),
    # Requests and demands.
    *_v("REQUEST", None, "request", "urge, demand, ask, request, appeal, call for, call on, "
        "call upon, press, seek, plead, implore, petition, beg, insist, exhort, "
        "push for, lobby, apply for, pressure, pressurize"),
    # The manual: summoning an ambassador is done to complain (ACCUSE disapprove, not CONSULT or
    # a request); an invitation to visit is a promise of a meeting (AGREE).
    *_v("ACCUSE", "disapprove", "event", "summon"),
    *_v("AGREE", None, "event", "invite"),
    # Orders are demands (the manual's REQUEST): "ordered X to appear" (only with a "to" clause;
    # "ordered a curfew" is the curfew, see LIGHT_VERBS).
    *_v("REQUEST", None, "request", "order, direct, instruct, command"),
    # "X must / should Y", said by someone else: a demand (see coder: obligation).
    *_v("REQUEST", None, "obligation", "must, should"),
    # Disapproval, accusation, investigation.
    *_v("ACCUSE", "disapprove", "event", "criticize, criticise, condemn, denounce, decry, deplore, "
        "slam, blast, rebuke, censure, chastise, scold, complain, object, lambast, "
        "disapprove, castigate, reproach, fault, assail, berate, protest against, "
        "warn against, disparage"),
    *_v("ACCUSE", "allege", "event", "accuse, blame, allege, charge, sue, indict, prosecute, "
        "impeach, hold responsible, put on trial"),
    *_v("ACCUSE", "investigate", "event", "investigate, probe, inquire, examine, inspect, "
        "look into, audit"),
    # Rejections.
    # Cancelling or calling off a visit or talks reduces relations (CAMEO 16).
    *_v("SANCTION", "discontinue", "event", "cancel, call off, scrap, suspend, break off",
        objects=_CANCELLED_CONTACT),
    *_v("REJECT", None, "refuse", "refuse, reject, decline, veto, rebuff, dismiss, spurn, "
        "renounce, renege, repudiate, defy, oppose, deny, resist, turn down, snub, "
        "rule out, cancel, postpone, delay, overrule, boycott talks, disregard, violate, block"),
    # Threats and warnings.
    *_v("THREATEN", None, "threat", "threaten, warn, menace, intimidate, issue ultimatum"),
    # Protests (physical action, not statements).
    *_v("PROTEST", "demo", "event", "demonstrate, protest, rally, march, picket"),
    *_v("PROTEST", "riot", "event", "riot, rampage, loot"),
    # Stone-throwing crowds are violent protest (CAMEO 145), not an armed assault.
    *_v("PROTEST", "riot", "event", "throw stones, hurl stones, throw rocks, hurl rocks, pelt"),
    # The verb "strike" is an attack ("a drone struck the plant"); labour strikes are "went on
    # strike", "walked out" or the noun.
    *_v("PROTEST", "strike", "event", "walk out, go on strike, stop work, down tools, lay down tools, "
        "shun work, stay away from work, walk off the job"),
    *_v("PROTEST", "boycott", "event", "boycott"),
    *_v("PROTEST", "obstruct", "event", "blockade, barricade"),
    # Blocking roads is obstruction (CAMEO 144), not refusal ("blocked the proposal").
    *_v("PROTEST", "obstruct", "event", "block, blockade, barricade, occupy", objects=_ROADS),
    # Mobilisation.
    *_v("MOBILIZE", "troops", "event", "mobilize, mobilise, deploy, mass, station, reinforce, "
        "put on alert, call up, patrol"),
    *_v("AID", None, "event", "send, deploy, dispatch, contribute, provide, station, commit",
        objects=_PEACEKEEPERS),
    *_v("MOBILIZE", "troops", "event", "strengthen, bolster, boost, beef up, build up, increase, "
        "double, expand, move, send, dispatch, rush, redeploy, intensify", objects=_FORCES),
    *_v("MOBILIZE", "weapons", "event", "test-fire, test fire, arm"),
    # Training fighters raises an armed force's readiness (the manual's MOBILIZE).
    *_v("MOBILIZE", "troops", "event", "train, recruit",
        objects="troops, soldiers, fighters, militants, forces, recruits, militia, militias, guerrillas, "
                "commandos, rebels, pilots, police, policemen, police officers, officers, cadets, personnel, "
                "security forces, army, special forces"),
    *_v("MOBILIZE", "weapons", "event", "prepare", objects="attack, offensive, invasion, missiles, weapons"),
    # Sanctions and breaks in relations.
    # The manual: expelling diplomats (or an entity from a body) is SANCTION expel; expelling or
    # deporting individuals is COERCE deport.
    *_v("SANCTION", "expel", "event", "expel, oust",
        objects="diplomat, diplomats, ambassador, ambassadors, envoy, envoys, attache, attaché, "
                "attaches, consul, embassy staff, military attache, mission, delegation, peacekeepers, "
                "monitors, observers, inspectors, country, member, members, "
                # CAMEO 1663, expel or withdraw aid agencies (SANCTION expel in CAMEO2PLOVER).
                "aid workers, humanitarian workers, relief workers, aid agencies, aid groups, "
                "agencies, ngos, charities, aid staff"),
    *_v("COERCE", "deport", "event", "expel"),
    *_v("SANCTION", "expel", "event", "oust"),
    *_v("SANCTION", "discontinue", "event", "sanction, embargo, suspend, sever, cut off, "
        "break off, freeze, halt, end, terminate, curtail, recall, downgrade, cut ties, "
        "prohibit, stop, blacklist"),
    *_v("SANCTION", "discontinue", "event", "break, cut, downgrade",
        objects="relations, ties, contacts, links"),
    # Cutting aid (CAMEO 163/1621).
    *_v("SANCTION", "discontinue", "event", "reduce, cut, slash, cut back, scale back, halt, stop, "
        "suspend, withhold, freeze", objects=_AID_GOODS),
    *_v("SANCTION", "convict", "event", "convict, sentence, fine, find guilty"),
    # Coercion.
    *_v("COERCE", "arrest", "event", "arrest, detain, jail, imprison, apprehend, round up, "
        "take into custody, lock up, intern, nab"),
    # Storming a place is force (CAMEO's verb dictionary codes STORM 190 with a physical object).
    *_v("COERCE", "seize", "event", "seize, confiscate, raid, impound, search, occupy, "
        "take over, annex, nationalize, nationalise, expropriate"),
    *_v("COERCE", "restrict", "event", "ban, bar, restrict, outlaw, forbid, dissolve, "
        "crack down, clamp down, cordon off, close, suppress, repress, confine"),
    *_v("COERCE", "censor", "event", "censor, shut down, jam"),
    # Stopping a gathering is repression (CAMEO 17), not a break in relations.
    *_v("COERCE", "restrict", "event", "prevent, stop, block, break up, ban, halt, thwart, foil",
        objects=_GATHERINGS),
    *_v("COERCE", "deport", "event", "deport, banish, exile, extradite to"),
    *_v("COERCE", "withhold", "event", "cut power, withhold"),
    *_v("COERCE", "cyber", "event", "hack, deface"),
    # Force.
    *_v("ASSAULT", None, "event", "attack, assault, fight, clash, invade, ambush, hit, storm, storm into, "
        "overrun, retake, recapture, capture, strike, strike at, target, besiege, engage, raid on, pound, "
        "encircle, repulse, scuffle"),
    *_v("ASSAULT", None, "event", "wound, injure, maim"),
    *_v("ASSAULT", "targeted", "event", "kill, assassinate, execute, murder, massacre, slay, "
        "behead, lynch, slaughter"),
    *_v("ASSAULT", "abduct", "event", "kidnap, abduct, hijack, take hostage, seize hostage"),
    # Seizing a ship or a plane with its crew is a hijacking (CAMEO 181), not a confiscation.
    *_v("ASSAULT", "abduct", "event", "seize, capture, take over, commandeer",
        objects="ship, ships, vessel, vessels, tanker, tankers, supertanker, freighter, trawler, boat, "
                "boats, yacht, plane, planes, aircraft, airliner, jet, bus, hostages, crew, crews"),
    # Capturing people is taking them into custody (COERCE arrest); capturing towns is force.
    *_v("COERCE", "arrest", "event", "capture, catch",
        objects="pirates, suspects, suspect, militants, militant, fighters, fighter, rebels, rebel, "
                "insurgents, gunmen, gunman, men, man, leader, leaders, commander, commanders, smugglers, "
                "members, soldiers, people, fugitive, fugitives, terrorists, terrorist"),
    *_v("ASSAULT", "beat", "event", "beat, batter, club, flog, whip"),
    *_v("ASSAULT", "torture", "event", "torture, mistreat, abuse"),
    *_v("ASSAULT", "sexual", "event", "rape, sexually assault"),
    *_v("ASSAULT", "destroy", "event", "destroy, demolish, raze, burn, torch, blow up, sabotage, "
        "bulldoze, wreck"),
    *_v("ASSAULT", "firearms", "event", "shoot, gun down, open fire, fire on, fire at, snipe"),
    *_v("ASSAULT", "heavy-weapons", "event", "shell, bombard, fire, rocket, mortar"),
    *_v("ASSAULT", "explosives", "event", "bomb, detonate, explode, blast"),
    *_v("ASSAULT", "aerial", "event", "airstrike, strafe, air-strike"),
    # Violating a ceasefire is force (CAMEO 196), not a mere rejection.
    *_v("ASSAULT", None, "event", "violate, break, breach",
        objects="ceasefire, cease-fire, truce, armistice, ceasefire agreement, cease-fire agreement, "
                "truce agreement, ceasefire accord, cease-fire accord, ceasefire deal"),
    *_v("ASSAULT", "primitive", "event", "stab, hack to death, stone, set fire to, set on fire"),
    *_v("ASSAULT", "crowd-control", "event", "tear-gas, teargas, disperse"),
    # Firing less-lethal weapons at a crowd (the manual's crowd-control), not artillery.
    *_v("ASSAULT", "crowd-control", "event", "fire, use, shoot, lob, deploy",
        objects="tear gas, teargas, gas, rubber bullets, water cannon, water cannons, stun grenades, "
                "pepper spray, plastic bullets, bullets"),
]

# Event nouns: an event when governed by a light verb (or the subject of "took place").
_NOUNS: list[tuple[str, str | None, str]] = [
    ("CONSULT", None, "talks, negotiation, meeting, summit, consultation, conversation, dialogue, "
     "discussion, mediation, session"),
    ("CONSULT", "phone", "call, phone call, video call, telephone call, phone conversation, "
     "video conference, videoconference"),
    ("CONSULT", "visit", "visit, trip, state visit, tour, official visit"),
    ("CONSULT", "host", "welcome, reception"),
    ("AGREE", None, "agreement, deal, pact, treaty, accord, memorandum, promise, pledge, offer, "
     "commitment, vow, consensus"),
    ("AID", None, "aid, assistance, humanitarian aid, military aid, loan, grant, donation, "
     "relief, asylum, refuge, support package, funding, compensation, reparations"),
    ("COOPERATE", None, "joint exercise, joint exercises, joint military exercises, joint drills, "
     "joint patrol, joint patrols, cooperation, joint operation"),
    # The manual: single-country exercises are MOBILIZE, joint ones COOPERATE (see the coder).
    ("MOBILIZE", "troops", "war games, military exercises, military drills, naval drills, drills, "
     "live-fire drills, maneuvers, manoeuvres, naval exercises"),
    # Expressed support, solidarity, condolences (SUPPORT); given support is aid (see the coder).
    ("SUPPORT", None, "support, backing, solidarity, condolences, congratulations, praise, apology, "
     "recognition"),
    ("RETREAT", "ceasefire", "ceasefire, cease-fire, truce, armistice"),
    ("RETREAT", "withdraw", "withdrawal, pullout, pull-out"),
    ("REQUEST", None, "demand, appeal, request, plea, call, reminder"),
    ("ACCUSE", "investigate", "investigation, inquiry, probe, hearing"),
    ("ACCUSE", "allege", "accusation, allegation, lawsuit, charge, charges, complaint"),
    ("ACCUSE", "disapprove", "criticism, condemnation, protest note, rebuke"),
    ("THREATEN", None, "threat, ultimatum, warning"),
    # The manual: an arrest warrant (an arrest in absentia) threatens arrest; it is not one.
    ("THREATEN", "arrest", "arrest warrant, arrest warrants, international arrest warrant"),
    ("PROTEST", "demo", "demonstration, protest, rally, march, sit-in, vigil"),
    ("PROTEST", "strike", "strike, general strike, walkout"),
    ("PROTEST", "hunger", "hunger strike"),
    ("PROTEST", "boycott", "boycott"),
    ("PROTEST", "obstruct", "blockade, roadblock"),
    ("PROTEST", "riot", "riot"),
    ("SANCTION", "discontinue", "sanctions, embargo, sanction, tariffs, trade restrictions, suspension, "
     "severance"),
    ("COERCE", "curfew", "curfew"),
    ("COERCE", "restrict", "restrictions, ban"),
    ("MOBILIZE", "troops", "alert, high alert, deployment, reinforcements, patrols, security patrols"),
    ("COERCE", "martial-law", "martial law, state of emergency, emergency rule, state of siege"),
    ("COERCE", "cyber", "cyber attack, cyberattack, cyber-attack, hacking attack"),
    ("COERCE", "arrest", "arrest, crackdown, detention"),
    ("ASSAULT", None, "attack, offensive, assault, raid, incursion, invasion, ambush, fighting, "
     "war, military operation, military operations, ground operation, ground offensive, counteroffensive, "
     "counter-offensive, bombing campaign, air campaign, cyber attacks, cyberattacks"),
    ("ASSAULT", "aerial", "airstrike, air strike, air raid, bombing raid, air strikes, airstrikes"),
    ("ASSAULT", "explosives", "bombing, car bombing, car bomb, explosion"),
    ("ASSAULT", "suicide-attack", "suicide bombing, suicide attack, suicide car bombing"),
    ("ASSAULT", "heavy-weapons", "shelling, artillery fire, rocket attack, missile attack, "
     "missile strike"),
    ("ASSAULT", "drone", "drone attack, drone strike, drone strikes"),
    ("ASSAULT", "targeted", "assassination, execution, massacre"),
    ("ASSAULT", "torture", "torture"),
]

# Verbs that carry an event noun: "held talks", "staged a protest", "imposed sanctions",
# "launched an offensive", "paid a visit", "had a call", "reiterated its demand".
LIGHT_VERBS: frozenset[str] = frozenset(
    f for lemma in (
        "hold", "have", "stage", "launch", "conduct", "carry out", "mount", "impose", "declare",
        "give", "provide", "grant", "extend", "begin", "start", "open", "continue", "resume",
        "join", "make", "pay", "issue", "reiterate", "renew", "repeat", "lodge", "file",
        "announce", "order", "sign", "reach", "seal", "initiate", "organize", "organise", "lead",
        "take", "deliver", "send", "approve", "offer", "accept", "put", "place", "wage", "step up",
        "intensify", "escalate", "end", "unleash", "level", "voice", "express", "go on", "set up",
        "establish", "receive", "attend", "undertake", "speed up", "complete", "institute",
        "tighten", "remain", "enforce", "maintain", "step", "hand", "offer", "propose", "agree",
        "reimpose", "re-impose", "speed up", "meet", "hold out", "extend", "broaden",
        # motion verbs carry a visit or talks through "on"/"for" ("arrived on a visit")
        "arrive", "travel", "come", "go", "fly", "head"
    )
    for f in verb_forms(lemma)
)

# Verbs of motion that carry a visit or talks only through "on" or "for" ("arrived on a visit").
MOTION_VERBS: frozenset[str] = frozenset(
    f for lemma in ("arrive", "travel", "come", "go", "fly", "head") for f in verb_forms(lemma)
)

# Verbs whose subject can be an ongoing event noun ("riots are continuing").
ONGOING_VERBS: frozenset[str] = frozenset(
    f for lemma in ("continue", "erupt", "break out", "spread", "escalate", "resume", "intensify",
                    "take place", "occur", "rage", "begin", "flare")
    for f in verb_forms(lemma)
)

# Verbs of saying: transparent, the event is what was said.
REPORTING_VERBS: frozenset[str] = frozenset(
    f for lemma in ("say", "announce", "state", "report", "add", "declare", "tell", "note",
                    "explain", "claim", "confirm", "reveal", "write", "insist", "stress",
                    "assert", "indicate", "suggest", "comment", "remark", "tweet", "post",
                    "conclude", "warn", "argue", "maintain", "reiterate", "urge", "demand")
    for f in verb_forms(lemma)
)

# Verbs that make what follows a belief, hope or guess, not a reported fact.
HEDGE_VERBS: frozenset[str] = frozenset(
    f for lemma in ("think", "believe", "hope", "expect", "wish", "want", "predict", "guess",
                    "speculate", "imagine", "doubt", "fear", "suppose", "consider", "envisage")
    for f in verb_forms(lemma)
)


def _build() -> dict[str, list[Trigger]]:
    table: dict[str, list[Trigger]] = {}
    for t in _VERBS:
        if t.lemma.startswith("be "):
            # "be ready/willing to": match the adjective, the copula is not part of the trigger.
            forms = [t.lemma[3:]]
        elif t.role == "obligation":
            forms = [t.lemma]
        else:
            forms = verb_forms(t.lemma)
        for f in forms:
            table.setdefault(f, []).append(t)
    for type_, mode, words in _NOUNS:
        for w in words.split(","):
            w = w.strip()
            for f in noun_forms(w):
                table.setdefault(f, []).append(Trigger(type_, mode, "noun", w))
    return table


TRIGGERS: dict[str, list[Trigger]] = _build()
"""Lower-cased surface form (one or more words) -> the triggers it may be."""
