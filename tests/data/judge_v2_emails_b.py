"""Hand-written cold sales emails for testing the v2 judge (set B: default-v2/test/0012 to 0023).

Written by a separate writer (an AI assistant briefed as a B2B sales copywriter, given only
../shared/SALES_NOTES.md), from each scenario's knowledge graph read the way a
seller does research (checking dates against today's date, sources, which account a note is about, the
compliance policy's approved claims, and each feature's stated limits against the prospect's stack and
requirements). Nothing here was derived from the judge's code, prompts or scores, and the judge was not run
while writing them.

GOOD: genuinely good emails, two per scenario, in varied styles ("question-led", "trigger-led",
"proof-led", "pain-led", "very short", "plain/consultative"). Each uses only facts from trustworthy nodes
of that scenario's KG, pitches the one feature that fits the prospect's stated problem within their
constraints, and makes one low-friction ask matched to the goal. `citations` lists the node ids whose
facts the email uses.

PAIRS: (better, worse) pairs, at least five per scenario. `better` is {"good_index": i} into GOOD; `worse`
is a realistic but clearly worse email for the same scenario with ONE named failure (`failure`) that a
sales manager would flag: a stale record, a competitor rumour, an unapproved marketing claim, another
account's note, a feature ruled out by the prospect's constraints, a colleague's pain presented as the
prospect's own, a feature list, pushy or condescending tone, several asks, no ask, and so on.
"""

GOOD = [
    # ---- default-v2/test/0012: Renata Lindahl, Blackthorn Medical Group, ClearClaim RCM (45-min working session)
    {
        "scenario_id": "default-v2/test/0012",
        "style": "proof-led",
        "subject": "Catching denials before the payer does",
        "body": "Hi Renata,\n\nYou mentioned that most of Blackthorn's denials trace back to missing prior authorisations and coding errors, and that your billers still rework them one claim at a time. ClearClaim's Denial Prediction is built for that pattern: it scores each claim for denial risk before submission, so billers fix the problem before the payer sees it. It needs no agent or particular system, so it can work with Meditech Expanse instead of becoming another system to log into.\n\nSt. Aldric Health, a hospital network, brought its initial denial rate down from 14% to 8% with it.\n\nWould you be open to a 45-minute working session with your billing leads to walk through it on your own claim types?\n\nBest,\nPriya",
        "citations": ["Pain: Most denials come from missing prior", "Pain: Billers rework denied claims one by",
                      "Product Feature: Denial Prediction", "Requirement: integrates with Meditech Expanse",
                      "Case Study: St. Aldric Health"],
    },
    {
        "scenario_id": "default-v2/test/0012",
        "style": "question-led",
        "subject": "The $21M in open denials",
        "body": "Hi Renata,\n\nOf the roughly $21M in denied claims Blackthorn has open at any one time, how much could have been caught before the claims went out?\n\nWith an initial denial rate of 16% and billers working denials one by one, the cheapest fix is usually upstream. ClearClaim's Denial Prediction scores every claim for denial risk before submission, so billers can correct it first. It runs without an agent or a specific system, which fits your rule that anything new has to plug into Meditech Expanse.\n\nCould we set up a 45-minute working session with you and a couple of your billing leads to test the idea on real claims?\n\nThanks,\nPriya",
        "citations": ["Pain: Denied claims worth about $21M are", "Metric: Initial denial rate 16%",
                      "Product Feature: Denial Prediction", "Requirement: integrates with Meditech Expanse"],
    },
    # ---- default-v2/test/0013: Felipe Whitaker, Pemberly Networks, QuoteCraft (20-min discovery call)
    {
        "scenario_id": "default-v2/test/0013",
        "style": "trigger-led",
        "subject": "Your post on ad-hoc discounting",
        "body": "Hi Felipe,\n\nI read your LinkedIn post in May asking to hear from anyone who has tackled ad-hoc discounting at Pemberly's scale. With the average discount at 32% and approvals happening over chat with no record, the usual first step is getting every approval into one place.\n\nQuoteCraft's Margin Guardrails shows reps the margin impact while they quote and routes anything above policy for approval, with each approval recorded. It can be hosted in the EU, which matters given your DPO signs off every vendor touching subscriber data. Whitlock Software cut its average discount by 6 points with it.\n\nWorth a 20-minute call to compare notes?\n\nBest,\nTom",
        "citations": ["Post: Felipe Whitaker, May 21, 2027", "Metric: Average discount 32%",
                      "Pain: Discount approvals happen over chat with", "Product Feature: Margin Guardrails",
                      "Requirement: data residency", "Case Study: Whitlock Software"],
    },
    {
        "scenario_id": "default-v2/test/0013",
        "style": "very short",
        "subject": "Discount approvals over chat",
        "body": "Hi Felipe,\n\nYou said discount approvals at Pemberly happen over chat with no record. QuoteCraft's Margin Guardrails routes above-policy discounts for approval and records each one, and it can be hosted in the EU.\n\nOpen to a 20-minute call?\n\nTom",
        "citations": ["Pain: Discount approvals happen over chat with", "Product Feature: Margin Guardrails",
                      "Requirement: data residency"],
    },
    # ---- default-v2/test/0014: Delphine Mirza, Tamarind Supply, Beacon Observe (30-day pilot, one team)
    {
        "scenario_id": "default-v2/test/0014",
        "style": "pain-led",
        "subject": "5 TB a day, mostly unread",
        "body": "Hi Delphine,\n\nYou wrote in January that Tamarind ingests about 5 TB of logs a day and most of it is never read, and finance has asked engineering to take 30% out of tooling cost. Both point at the same lever: stop paying hot-storage prices for logs nobody queries.\n\nBeacon Observe's Log Tiering keeps recent logs searchable and moves the rest to low-cost storage automatically, without deleting anything. It connects through standard APIs.\n\nWould you try it for 30 days on one team's logs and see what it does to the bill?\n\nBest,\nKasia",
        "citations": ["Pain: The platform ingests about 5 TB", "Pain: Finance asked engineering to cut tooling",
                      "Product Feature: Log Tiering"],
    },
    {
        "scenario_id": "default-v2/test/0014",
        "style": "proof-led",
        "subject": "What Mosswood did about log spend",
        "body": "Hi Delphine,\n\nAt our roundtable last August you asked how peers stop log volumes from driving up monitoring costs. One answer from an online marketplace: Mosswood Commerce cut its log spend by 42% with Beacon Observe's Log Tiering, which keeps hot logs searchable and moves the rest to low-cost storage automatically, with nothing deleted.\n\nWith observability spend up 69% on about 5 TB of logs a day, a test on one team's logs would show fairly quickly whether the same holds at Tamarind.\n\nWould a 30-day pilot with one team be worth setting up?\n\nBest,\nKasia",
        "citations": ["Account Note: Tamarind Supply, 2026-08-25", "Case Study: Mosswood Commerce",
                      "Product Feature: Log Tiering", "Metric: 5 TB of logs a"],
    },
    # ---- default-v2/test/0015: Wanjiru Carvalho, Pemberly Markets, Forecastly (intro to technical evaluator)
    {
        "scenario_id": "default-v2/test/0015",
        "style": "trigger-led",
        "subject": "Launch planning and the new CFO's first priority",
        "body": "Hi Wanjiru,\n\nWhen Hiroshi Castaneda was named CFO in April, he put operational efficiency, including planning launches with less guesswork, first on his list. With launch forecasts missing by around 48% in either direction, a lot of that lands on your team.\n\nForecastly's Launch Forecasting forecasts each new item from the history of similar ones, so launch quantities start from evidence rather than a blank page. It can be hosted in the EU, in line with your DPO's rule for shoppers' data. Solace Beauty halved its launch forecast error with it.\n\nWho on your side would evaluate a tool like this technically? I'd be grateful for an introduction.\n\nBest,\nMartin",
        "citations": ["News: Pemberly Markets appoints Chief Financial Officer",
                      "Metric: Launch forecast error around 48%", "Product Feature: Launch Forecasting",
                      "Requirement: data residency", "Case Study: Solace Beauty"],
    },
    {
        "scenario_id": "default-v2/test/0015",
        "style": "plain/consultative",
        "subject": "160 launches a year with no history",
        "body": "Hi Wanjiru,\n\nYour team launches about 160 new items a year with no sales history to go on, and items launched in the last year now bring in around 27% of revenue, so getting launch quantities wrong gets more expensive every year.\n\nWhat tends to help is forecasting each new item from the sales of similar ones. That is what Forecastly's Launch Forecasting does; it needs no agent, runs alongside the systems you already have and can be hosted in the EU.\n\nBefore taking more of your time, it would help to speak with whoever checks tools like this on the technical side. Could you point me to the right person?\n\nKind regards,\nMartin",
        "citations": ["Pain: The team launches about 160 new", "Pain: About 27% of revenue comes from",
                      "Product Feature: Launch Forecasting", "Requirement: data residency"],
    },
    # ---- default-v2/test/0016: Bongani Blackwood, Alcove Networks, FieldPoint (30-min demo)
    {
        "scenario_id": "default-v2/test/0016",
        "style": "question-led",
        "subject": "The 24% of missed windows",
        "body": "Hi Bongani,\n\nOf the 24% of appointment windows Alcove misses, how many end with a technician at the door and nobody home?\n\nIf that is a meaningful share, FieldPoint's Customer Arrival Alerts may help: it texts each subscriber the technician's live arrival time, which cuts down no-access visits. Sparrow Broadband brought missed windows down from 18% to 6% with it. It connects through standard APIs, so it stays within your rule of no new agents on production servers.\n\nWould a 30-minute demo be useful?\n\nBest,\nLeah",
        "citations": ["Metric: 24% of appointment windows missed", "Product Feature: Customer Arrival Alerts",
                      "Case Study: Sparrow Broadband", "Requirement: no new server agents"],
    },
    {
        "scenario_id": "default-v2/test/0016",
        "style": "trigger-led",
        "subject": "Meridian and your SLA commitments",
        "body": "Hi Bongani,\n\nCongratulations on closing the Meridian Telecom acquisition last month. Taking on about 576 more staff, while SLA penalties already cost Alcove $160K last year, puts a lot of weight on keeping appointment windows.\n\nOne practical piece: FieldPoint's Customer Arrival Alerts texts subscribers the technician's live arrival time, so fewer visits end with nobody home. It is API-based with no agent on your servers, which fits the freeze you introduced after the monitoring-agent outage.\n\nCould I show you how it works in a 30-minute demo?\n\nBest,\nLeah",
        "citations": ["News: Alcove Networks acquires Meridian Telecom", "Pain: SLA penalties cost $160K last year",
                      "Product Feature: Customer Arrival Alerts", "Requirement: no new server agents"],
    },
    # ---- default-v2/test/0017: Giulia Gutierrez, Tidemark Telecom, Helix Desk (14-day free trial)
    {
        "scenario_id": "default-v2/test/0017",
        "style": "very short",
        "subject": "Hand triage in Freshdesk",
        "body": "Hi Giulia,\n\nYour agents triage every ticket by hand, and first response sits at 8 hours against a 3-hour target. Helix Desk's Smart Triage routes each Freshdesk ticket by intent and urgency automatically.\n\nWant to try it free for 14 days?\n\nOwen",
        "citations": ["Pain: Agents triage every ticket by hand", "Metric: First response time 8 hours",
                      "Product Feature: Smart Triage", "Requirement: integrates with Freshdesk"],
    },
    {
        "scenario_id": "default-v2/test/0017",
        "style": "proof-led",
        "subject": "First response from 20 hours to 3",
        "body": "Hi Giulia,\n\nLatchford Energy, a retail energy supplier, cut its first response time from 20 hours to 3 after turning on Helix Desk's Smart Triage, which classifies and routes every incoming ticket by intent and urgency so agents start on the right queue.\n\nYour 8-hour first response against a 3-hour target, and the Monday pile-up of weekend tickets, look like the same kind of problem. Smart Triage connects to Freshdesk through standard APIs, so your agents keep working where they are today.\n\nWould you like to run it on your own queue with a 14-day free trial?\n\nBest,\nOwen",
        "citations": ["Case Study: Latchford Energy", "Product Feature: Smart Triage",
                      "Metric: First response time 8 hours", "Pain: Subscribers wait longest on Mondays, when",
                      "Requirement: integrates with Freshdesk"],
    },
    # ---- default-v2/test/0018: Damien Desai, Blackthorn Provisions, Routewise (30-day pilot, one team)
    {
        "scenario_id": "default-v2/test/0018",
        "style": "plain/consultative",
        "subject": "Routes from 111 to 169 km",
        "body": "Hi Damien,\n\nYou said on the January panel that average kilometres per route have grown from 111 to 169 as volumes rose. That kind of drift usually means depot territories no longer match where the stops are.\n\nOne approach worth testing is redrawing territories from actual stop history rather than patching routes one at a time. Routewise's Territory Balancer does that from a year of stops, and it connects through standard APIs, so plans can sit with Motive rather than in yet another system. Northgate Provisions, a food-service distributor, cut kilometres per route by 14% with it.\n\nWould a 30-day pilot with one depot team make sense?\n\nBest,\nSina",
        "citations": ["Pain: Average kilometres per route grew from", "Product Feature: Territory Balancer",
                      "Requirement: integrates with Motive", "Case Study: Northgate Provisions"],
    },
    {
        "scenario_id": "default-v2/test/0018",
        "style": "pain-led",
        "subject": "Fuel cost per stop, up 19%",
        "body": "Hi Damien,\n\nA 19% rise in fuel cost per stop in one year, across a fleet of 90 vehicles, is hard to absorb, especially with driver overtime reaching 16% of paid hours in peak weeks.\n\nPart of that often comes from territories that overlap. Routewise's Territory Balancer redraws depot territories from a year of stop history so overlapping routes disappear, and it works through standard APIs alongside Motive.\n\nCould we run a 30-day pilot with one team and compare cost per stop before and after?\n\nBest,\nSina",
        "citations": ["Pain: Fuel cost per stop rose 19%", "Pain: Driver overtime runs at 16% of",
                      "Product Feature: Territory Balancer", "Requirement: integrates with Motive"],
    },
    # ---- default-v2/test/0019: Orla Whitaker, Kestrel Markets, ShelfSight (14-day free trial)
    {
        "scenario_id": "default-v2/test/0019",
        "style": "trigger-led",
        "subject": "Shelf labels and the September round",
        "body": "Hi Orla,\n\nKestrel's $131M round in September named keeping shelf labels matched to system prices among the things the money will go into. Today price changes reach the shelf 4 days late.\n\nShelfSight's LS Central Price Audit compares shelf labels with the prices in LS Central, so every price change is checked on the shelf instead of by staff walking aisles with a scanner. It works from phone photos, so no new hardware is needed. Brennan's Food Stores used it to catch late price changes in every store.\n\nWould you like to try it in a few stores with a 14-day free trial?\n\nBest,\nRachel",
        "citations": ["News: Kestrel Markets raises $131M", "Pain: Price changes reach the shelf 4",
                      "Product Feature: LS Central Price Audit", "Policy: Approved product claims",
                      "Case Study: Brennan's Food Stores"],
    },
    {
        "scenario_id": "default-v2/test/0019",
        "style": "question-led",
        "subject": "Checking labels by hand",
        "body": "Hi Orla,\n\nIf your store teams no longer had to check labels by hand with a scanner, how much sooner would price changes be right on the shelf?\n\nYou've said 3% of audited shelf prices are wrong and changes land about 4 days late. ShelfSight's LS Central Price Audit compares shelf labels with the prices in LS Central, the system procurement requires new tools to integrate with, so each price change gets checked on the shelf.\n\nWould a 14-day free trial in a couple of stores be a fair way to find out?\n\nBest,\nRachel",
        "citations": ["Pain: Staff check labels by hand with", "Metric: 3% of audited shelf prices",
                      "Pain: Price changes reach the shelf 4", "Product Feature: LS Central Price Audit",
                      "Requirement: integrates with LS Central"],
    },
    # ---- default-v2/test/0020: Gideon Macedo, Stillwater Payments, Streamline (30-min demo)
    {
        "scenario_id": "default-v2/test/0020",
        "style": "pain-led",
        "subject": "Nightly full reloads",
        "body": "Hi Gideon,\n\nYou said on the leadership-summit panel in March that Stillwater still runs full reloads of large tables every night, and warehouse spend grew 67% last year. Reloading whole tables to pick up a few changed rows is one of the quieter ways to pay for data nobody uses.\n\nStreamline's Change Data Capture streams only the inserts, updates and deletes from your source databases, with latency measured in seconds, so the nightly reloads go away. It connects through standard APIs and fits your rule that new tools plug into Databricks.\n\nWould a 30-minute demo be worth it?\n\nBest,\nDaniel",
        "citations": ["Pain: Full reloads of large tables run", "Pain: Warehouse spend grew 67% last year",
                      "Product Feature: Change Data Capture", "Requirement: integrates with Databricks",
                      "Policy: Approved product claims"],
    },
    {
        "scenario_id": "default-v2/test/0020",
        "style": "very short",
        "subject": "Connector costs up $50K",
        "body": "Hi Gideon,\n\nSaw your post about no longer paying for data nobody uses. With connector licences up $50K, Streamline's Change Data Capture streams only changed rows into Databricks, with no nightly reloads.\n\nWorth a 30-minute demo?\n\nDaniel",
        "citations": ["Post: Gideon Macedo, March 15, 2027", "Pain: Licence costs for connectors rose by",
                      "Product Feature: Change Data Capture", "Requirement: integrates with Databricks"],
    },
    # ---- default-v2/test/0021: Zoltan Hollis, Blackthorn Engineering, SafeTrack EHS (45-min working session)
    {
        "scenario_id": "default-v2/test/0021",
        "style": "trigger-led",
        "subject": "Saltash sites and audit-ready records",
        "body": "Hi Zoltan,\n\nWith Saltash Industries joining last month and about 839 more people coming under your safety programme, keeping records audit-ready gets harder at a time when regulators have already issued 4 citations in two years.\n\nSafeTrack EHS's Inspection Checklists moves site inspections onto tablets, with photo evidence attached and every finding turned into an action. It connects through standard APIs, so it works with Enablon and needs no agent on your servers. Brookline Power cut inspection prep from two weeks to two days with it.\n\nWould you and your team join us for a 45-minute working session on how it would look across your sites?\n\nBest,\nHannah",
        "citations": ["News: Blackthorn Engineering acquires Saltash Industries",
                      "Metric: 4 regulatory citations in two", "Product Feature: Inspection Checklists",
                      "Requirement: integrates with Enablon", "Requirement: no new server agents",
                      "Case Study: Brookline Power"],
    },
    {
        "scenario_id": "default-v2/test/0021",
        "style": "plain/consultative",
        "subject": "Inspections on clipboards",
        "body": "Hi Zoltan,\n\nYou mentioned at the July roundtable that site inspections at Blackthorn are still recorded on clipboards. When an auditor asks for evidence, paper is usually where the gaps show.\n\nSafeTrack EHS's Inspection Checklists runs inspections on tablets with photos attached, and each finding becomes a tracked action, so the record exists when someone asks for it. It connects through APIs only, in line with your standard on third-party agents.\n\nIf it's useful, we could hold a 45-minute working session with your EHS leads and rebuild one of your current checklists together. Would that work?\n\nBest,\nHannah",
        "citations": ["Pain: Site inspections are recorded on clipboards", "Product Feature: Inspection Checklists",
                      "Requirement: no new server agents"],
    },
    # ---- default-v2/test/0022: Bongani Dahl, Vantage Underwriters, VerifID (20-min discovery call)
    {
        "scenario_id": "default-v2/test/0022",
        "style": "question-led",
        "subject": "95% false positives",
        "body": "Hi Bongani,\n\nIf about 95% of your sanctions alerts are false positives, how many of the 4100 your analysts clear each month really need a person?\n\nVerifID's Sanctions Screening uses fuzzy matching to keep false positives down, and the sanctions and PEP lists update daily, which speaks to the regulator's request at your last exam for evidence of ongoing screening. It connects through standard APIs and plugs into nCino.\n\nWould a 20-minute call to talk through your alert mix be useful?\n\nBest,\nMarco",
        "citations": ["Pain: About 95% of sanctions alerts are", "Metric: 4100 screening alerts a month",
                      "Product Feature: Sanctions Screening", "Pain: The regulator asked for evidence of",
                      "Requirement: integrates with nCino"],
    },
    {
        "scenario_id": "default-v2/test/0022",
        "style": "proof-led",
        "subject": "How Corvid cut sanctions false positives",
        "body": "Hi Bongani,\n\nCorvid Payments, a payments firm, cut its sanctions false positives by 64% after moving to VerifID's Sanctions Screening. Its fuzzy matching keeps false positives down, and the sanctions and PEP lists refresh daily.\n\nWith your analysts clearing 4100 alerts a month, and most of them false positives by your own estimate, a cut of that kind would give a lot of review time back. It connects through standard APIs, so it plugs into nCino rather than sitting beside it.\n\nOpen to a 20-minute call to see whether your alert profile looks similar?\n\nBest,\nMarco",
        "citations": ["Case Study: Corvid Payments", "Product Feature: Sanctions Screening",
                      "Metric: 4100 screening alerts a month", "Pain: About 95% of sanctions alerts are",
                      "Requirement: integrates with nCino"],
    },
    # ---- default-v2/test/0023: Hamza Egan, Briarcliff Medical Group, Sentinel Cloud (intro to technical evaluator)
    {
        "scenario_id": "default-v2/test/0023",
        "style": "trigger-led",
        "subject": "The new CDO and the next audit",
        "body": "Hi Hamza,\n\nI saw that Cyrus Lundgren, in his first announcement as Chief Digital Officer last week, named operational efficiency first, including passing the next security audit without a fire drill. With the last audit leaving 20 open findings, the hard part is knowing which of the 28 accounts meet the baseline today.\n\nSentinel Cloud's Agentless Scan reads cloud configuration through the providers' APIs without installing anything and covers a new account within a day. It can be hosted in the EU, as your DPO requires for patient data.\n\nWho on your team would evaluate this technically? An introduction would be much appreciated.\n\nBest,\nElena",
        "citations": ["News: Briarcliff Medical Group appoints Chief Digital Officer",
                      "Pain: The last audit left 20 open", "Pain: Nobody can say which of the",
                      "Product Feature: Agentless Scan", "Requirement: data residency"],
    },
    {
        "scenario_id": "default-v2/test/0023",
        "style": "pain-led",
        "subject": "7 weeks of audit prep",
        "body": "Hi Hamza,\n\nYour security team spent 7 weeks preparing for the last audit, and still nobody can say which of Briarcliff's 28 cloud accounts meet the baseline right now.\n\nSentinel Cloud's Agentless Scan reads cloud configuration through provider APIs with nothing to install, so you get a current view of every account within a day. It can be hosted in the EU, which your DPO requires for patient data. Quayside Bank mapped 40 accounts in a day and closed 22 audit findings with it.\n\nCould you introduce me to the person who would evaluate it technically?\n\nBest,\nElena",
        "citations": ["Pain: The security team spent 7 weeks", "Pain: Nobody can say which of the",
                      "Product Feature: Agentless Scan", "Requirement: data residency", "Case Study: Quayside Bank"],
    },
]

PAIRS = [
    # ================= default-v2/test/0012: Renata Lindahl, Blackthorn Medical Group =================
    {
        "scenario_id": "default-v2/test/0012",
        "failure": "competitor rumour",
        "better": {"good_index": 0},
        "worse": {
            "subject": "Before your R1 RCM pilot wraps up",
            "body": "Hi Renata,\n\nI understand Blackthorn is already piloting R1 RCM, so I'll keep this short and show where we differ. You mentioned most of your denials come from missing prior authorisations and coding errors, and billers still rework them one by one. ClearClaim's Denial Prediction scores each claim for denial risk before submission, so billers fix problems before the payer sees them, and it needs no agent or specific system alongside Meditech Expanse.\n\nWould you be open to a 45-minute working session with your billing leads before the R1 pilot is decided?\n\nBest,\nPriya",
            "citations": ["Competitor: R1 RCM", "Pain: Most denials come from missing prior",
                          "Product Feature: Denial Prediction", "Requirement: integrates with Meditech Expanse"],
        },
    },
    {
        "scenario_id": "default-v2/test/0012",
        "failure": "stale system record (pitches Epic feature)",
        "better": {"good_index": 1},
        "worse": {
            "subject": "Denial scores inside Epic",
            "body": "Hi Renata,\n\nWith about $21M in denied claims open at any time and an initial denial rate of 16%, the quickest win for Blackthorn is probably inside Epic. ClearClaim's Epic Work Queues puts denial-risk scores straight into your Epic Resolute work queues, so billers stay in Epic instead of reworking denials one by one. Larkfield Medical Center recovered $3.1M in a year with it.\n\nCould we set up a 45-minute working session with you and a couple of your billing leads?\n\nThanks,\nPriya",
            "citations": ["Pain: Denied claims worth about $21M are", "Metric: Initial denial rate 16%",
                          "Tech Survey: Blackthorn Medical Group (2024)", "Product Feature: Epic Work Queues",
                          "Case Study: Larkfield Medical Center"],
        },
    },
    {
        "scenario_id": "default-v2/test/0012",
        "failure": "unapproved claim",
        "better": {"good_index": 0},
        "worse": {
            "subject": "Catching denials before the payer does",
            "body": "Hi Renata,\n\nYou mentioned that most of Blackthorn's denials trace back to missing prior authorisations and coding errors, and that your billers still rework them one claim at a time. ClearClaim's Denial Prediction scores each claim for denial risk before submission, so billers fix the problem before the payer sees it, and it needs no agent or particular system.\n\nClearClaim RCM guarantees a 10x return, so the business case writes itself.\n\nWould you be open to a 45-minute working session with your billing leads?\n\nBest,\nPriya",
            "citations": ["Pain: Most denials come from missing prior", "Pain: Billers rework denied claims one by",
                          "Product Feature: Denial Prediction", "Marketing Copy: ClearClaim RCM sales one-pager"],
        },
    },
    {
        "scenario_id": "default-v2/test/0012",
        "failure": "other account's note",
        "better": {"good_index": 0},
        "worse": {
            "subject": "Following up on our July meeting",
            "body": "Hi Renata,\n\nWhen we met on 8 July last year you told us your billers rework denied claims one by one. ClearClaim's Denial Prediction scores each claim for denial risk before submission, so billers fix problems before the payer sees them. It needs no agent or specific system, so it can work with Meditech Expanse. St. Aldric Health cut its initial denial rate from 14% to 8% with it.\n\nWould you be open to a 45-minute working session with your billing leads?\n\nBest,\nPriya",
            "citations": ["Account Note: Rowan Care Partners, 2026-07-08", "Product Feature: Denial Prediction",
                          "Requirement: integrates with Meditech Expanse", "Case Study: St. Aldric Health"],
        },
    },
    {
        "scenario_id": "default-v2/test/0012",
        "failure": "multiple asks",
        "better": {"good_index": 1},
        "worse": {
            "subject": "The $21M in open denials",
            "body": "Hi Renata,\n\nWith about $21M in denied claims open at any time and an initial denial rate of 16%, ClearClaim's Denial Prediction could help: it scores every claim for denial risk before submission, and it fits your requirement to plug into Meditech Expanse.\n\nA few options: could we book a 45-minute working session with your team? If that's too much, a 15-minute intro call this week works too. It would also help if you could send over a recent denial report, and I'd love an introduction to your CFO as well.\n\nThanks,\nPriya",
            "citations": ["Pain: Denied claims worth about $21M are", "Metric: Initial denial rate 16%",
                          "Product Feature: Denial Prediction", "Requirement: integrates with Meditech Expanse"],
        },
    },
    {
        "scenario_id": "default-v2/test/0012",
        "failure": "invented customer",
        "better": {"good_index": 0},
        "worse": {
            "subject": "Catching denials before the payer does",
            "body": "Hi Renata,\n\nYou mentioned that most of Blackthorn's denials trace back to missing prior authorisations and coding errors. ClearClaim's Denial Prediction scores each claim for denial risk before submission, so billers fix the problem before the payer sees it, and it can work with Meditech Expanse.\n\nMercy Ridge Health, a Meditech hospital network much like yours, halved its denials within six months of going live.\n\nWould you be open to a 45-minute working session with your billing leads?\n\nBest,\nPriya",
            "citations": ["Pain: Most denials come from missing prior", "Product Feature: Denial Prediction",
                          "Requirement: integrates with Meditech Expanse"],
        },
    },
    # ================= default-v2/test/0013: Felipe Whitaker, Pemberly Networks =================
    {
        "scenario_id": "default-v2/test/0013",
        "failure": "feature ruled out by data residency",
        "better": {"good_index": 2},
        "worse": {
            "subject": "Your post on ad-hoc discounting",
            "body": "Hi Felipe,\n\nI read your LinkedIn post in May asking to hear from anyone who has tackled ad-hoc discounting at Pemberly's scale. With the average discount at 32%, reps need to see what price actually wins before they reach for a discount.\n\nQuoteCraft's Deal Desk Analytics benchmarks each deal against similar won deals in our US-hosted warehouse, so reps see the winning price up front. Selby Telecom Business, another telecom provider, raised its win rate by 8% with it.\n\nWorth a 20-minute call to compare notes?\n\nBest,\nTom",
            "citations": ["Post: Felipe Whitaker, May 21, 2027", "Metric: Average discount 32%",
                          "Product Feature: Deal Desk Analytics", "Case Study: Selby Telecom Business"],
        },
    },
    {
        "scenario_id": "default-v2/test/0013",
        "failure": "stale title",
        "better": {"good_index": 3},
        "worse": {
            "subject": "Discount approvals over chat",
            "body": "Hi Felipe,\n\nAs a Senior Manager in Sales Operations at McKinsey, you've likely seen discount approvals happen over chat with no record at plenty of clients. QuoteCraft's Margin Guardrails routes above-policy discounts for approval and records each one, and it can be hosted in the EU.\n\nOpen to a 20-minute call?\n\nTom",
            "citations": ["Speaker Bio: Felipe Whitaker (2022)", "Pain: Discount approvals happen over chat with",
                          "Product Feature: Margin Guardrails", "Requirement: data residency"],
        },
    },
    {
        "scenario_id": "default-v2/test/0013",
        "failure": "other account's note",
        "better": {"good_index": 2},
        "worse": {
            "subject": "Average discount at 31%",
            "body": "Hi Felipe,\n\nYou mentioned last August that the average discount at Pemberly rose to 31% last year, and I saw your May post about protecting margin from ad-hoc discounting.\n\nQuoteCraft's Margin Guardrails shows reps the margin impact while they quote and routes anything above policy for approval, with each approval recorded. It can be hosted in the EU. Whitlock Software cut its average discount by 6 points with it.\n\nWorth a 20-minute call to compare notes?\n\nBest,\nTom",
            "citations": ["Account Note: Glassmere Fiber, 2026-08-27", "Post: Felipe Whitaker, May 21, 2027",
                          "Product Feature: Margin Guardrails", "Case Study: Whitlock Software"],
        },
    },
    {
        "scenario_id": "default-v2/test/0013",
        "failure": "unapproved claim",
        "better": {"good_index": 3},
        "worse": {
            "subject": "The #1 CPQ tool for Pemberly",
            "body": "Hi Felipe,\n\nYou said discount approvals at Pemberly happen over chat with no record. QuoteCraft, the #1 CPQ tool according to every analyst, routes above-policy discounts for approval with Margin Guardrails and records each one, hosted in the EU.\n\nOpen to a 20-minute call?\n\nTom",
            "citations": ["Pain: Discount approvals happen over chat with", "Marketing Copy: QuoteCraft webinar deck",
                          "Product Feature: Margin Guardrails", "Requirement: data residency"],
        },
    },
    {
        "scenario_id": "default-v2/test/0013",
        "failure": "feature list",
        "better": {"good_index": 2},
        "worse": {
            "subject": "QuoteCraft for Pemberly Networks",
            "body": "Hi Felipe,\n\nSaw your post about protecting margin from ad-hoc discounting. QuoteCraft can help in several ways:\n\n- Margin Guardrails routes discounts above policy for approval\n- Guided Selling blocks invalid configurations\n- Deal Desk Analytics benchmarks each deal against similar won deals\n- Proposal Builder generates branded proposals from the quote\n- Salesforce and Dynamics Quote Sync keep quotes in your CRM\n\nWorth a 20-minute call to see which of these fit?\n\nBest,\nTom",
            "citations": ["Post: Felipe Whitaker, May 21, 2027", "Product Feature: Margin Guardrails",
                          "Product Feature: Guided Selling", "Product Feature: Deal Desk Analytics",
                          "Product Feature: Proposal Builder", "Product Feature: Salesforce Quote Sync",
                          "Product Feature: Dynamics Quote Sync"],
        },
    },
    {
        "scenario_id": "default-v2/test/0013",
        "failure": "competitor rumour",
        "better": {"good_index": 3},
        "worse": {
            "subject": "Before you sign with Conga",
            "body": "Hi Felipe,\n\nI hear Pemberly may be close to signing with Conga, so worth a quick look before you do. You said discount approvals happen over chat with no record; QuoteCraft's Margin Guardrails routes above-policy discounts for approval and records each one, hosted in the EU.\n\nOpen to a 20-minute call?\n\nTom",
            "citations": ["Competitor: Conga", "Pain: Discount approvals happen over chat with",
                          "Product Feature: Margin Guardrails", "Requirement: data residency"],
        },
    },
    # ================= default-v2/test/0014: Delphine Mirza, Tamarind Supply =================
    {
        "scenario_id": "default-v2/test/0014",
        "failure": "unapproved claim",
        "better": {"good_index": 4},
        "worse": {
            "subject": "5 TB a day, mostly unread",
            "body": "Hi Delphine,\n\nYou wrote in January that Tamarind ingests about 5 TB of logs a day and most of it is never read, and finance has asked engineering to take 30% out of tooling cost.\n\nBeacon Observe's Log Tiering keeps recent logs searchable and moves the rest to low-cost storage automatically, without deleting anything. And since Beacon Observe costs half as much as any competitor, the 30% target is covered before you even start tiering.\n\nWould you try it for 30 days on one team's logs?\n\nBest,\nKasia",
            "citations": ["Pain: The platform ingests about 5 TB", "Pain: Finance asked engineering to cut tooling",
                          "Product Feature: Log Tiering", "Marketing Copy: Beacon Observe trade-show banner"],
        },
    },
    {
        "scenario_id": "default-v2/test/0014",
        "failure": "competitor rumour",
        "better": {"good_index": 5},
        "worse": {
            "subject": "Before you sign with New Relic",
            "body": "Hi Delphine,\n\nWord is Tamarind is about to sign with New Relic, so I wanted to get this in front of you first. Mosswood Commerce cut its log spend by 42% with Beacon Observe's Log Tiering, which keeps hot logs searchable and moves the rest to low-cost storage automatically.\n\nWith observability spend up 69% on about 5 TB of logs a day, it seems worth a side-by-side before you commit.\n\nWould a 30-day pilot with one team be worth setting up?\n\nBest,\nKasia",
            "citations": ["Competitor: New Relic", "Case Study: Mosswood Commerce", "Product Feature: Log Tiering",
                          "Metric: 5 TB of logs a"],
        },
    },
    {
        "scenario_id": "default-v2/test/0014",
        "failure": "feature doesn't fit the problem or stack",
        "better": {"good_index": 4},
        "worse": {
            "subject": "Faster cluster incidents at Tamarind",
            "body": "Hi Delphine,\n\nWith 2 new fulfilment centres opening around Nashville and the platform ingesting about 5 TB of logs a day, your SRE team will have plenty on its plate.\n\nSince Tamarind runs on AWS, Beacon Observe's Kubernetes Insights can map incidents to pods, nodes and deploys on Amazon EKS, with one-click rollbacks. Vantor Media halved its time to resolve cluster incidents with it.\n\nWould you try it for 30 days with one team?\n\nBest,\nKasia",
            "citations": ["News: Tamarind Supply expands to Nashville", "Pain: The platform ingests about 5 TB",
                          "Tech: AWS", "Product Feature: Kubernetes Insights", "Case Study: Vantor Media"],
        },
    },
    {
        "scenario_id": "default-v2/test/0014",
        "failure": "other account's note",
        "better": {"good_index": 4},
        "worse": {
            "subject": "Observability spend up 60%",
            "body": "Hi Delphine,\n\nYou said on our call in December that observability spend grew 60% last year, faster than traffic, and finance has asked engineering to take 30% out of tooling cost.\n\nBeacon Observe's Log Tiering keeps recent logs searchable and moves the rest to low-cost storage automatically, without deleting anything. It connects through standard APIs.\n\nWould you try it for 30 days on one team's logs?\n\nBest,\nKasia",
            "citations": ["Account Note: Corrib Goods, 2026-12-10", "Pain: Finance asked engineering to cut tooling",
                          "Product Feature: Log Tiering"],
        },
    },
    {
        "scenario_id": "default-v2/test/0014",
        "failure": "too long",
        "better": {"good_index": 5},
        "worse": {
            "subject": "Beacon Observe, Log Tiering and a proposal for Tamarind Supply",
            "body": "Hi Delphine,\n\nI hope you are well and that the week is going smoothly. My name is Kasia and I work with engineering leaders at online retailers on observability, and I wanted to reach out with some thoughts that I hope will be useful to you and the team at Tamarind Supply.\n\nI know that you asked at our roundtable last August how peers stop log volumes from driving up monitoring costs, and that you stayed after the session to talk about it. I also saw your LinkedIn post from January, where you said the platform ingests about 5 TB of logs a day and that most of them are never read. On top of that, finance has asked engineering to cut tooling cost by 30%, observability spend is up 69%, and nobody knows which teams generate the most log volume. With the 2 new fulfilment centres around Nashville, I imagine the pressure on service levels is only going to grow over the next year.\n\nBeacon Observe brings logs, metrics and traces into one view. The feature that I think matters most for you is Log Tiering, which keeps hot logs searchable and moves the rest to cheap storage automatically, and nothing is deleted. It connects through standard APIs with hosting in the EU or the US, and we have a SOC 2 Type II report available if your security team needs it. Mosswood Commerce, an online marketplace, cut log spend by 42% with Log Tiering, and I think Tamarind could see something in a similar range, although of course every environment is different and it depends on retention needs.\n\nWould a 30-day pilot with one team be worth setting up? I am happy to work around your schedule.\n\nBest regards,\nKasia",
            "citations": ["Account Note: Tamarind Supply, 2026-08-25", "Pain: The platform ingests about 5 TB",
                          "Pain: Finance asked engineering to cut tooling", "Metric: 5 TB of logs a",
                          "Pain: Nobody knows which teams generate the", "News: Tamarind Supply expands to Nashville",
                          "Product Feature: Log Tiering", "Case Study: Mosswood Commerce"],
        },
    },
    {
        "scenario_id": "default-v2/test/0014",
        "failure": "pushy tone",
        "better": {"good_index": 4},
        "worse": {
            "subject": "Don't let Nashville blow up your log bill",
            "body": "Hi Delphine,\n\nAt 5 TB of logs a day, most never read, every week you wait is money burned, and finance wants 30% out of tooling cost. Beacon Observe's Log Tiering keeps recent logs searchable and moves the rest to low-cost storage automatically.\n\nPilot slots for this quarter are almost gone. I need a yes by Friday to hold one for your team, so reply today and I'll send the paperwork.\n\nKasia",
            "citations": ["Pain: The platform ingests about 5 TB", "Pain: Finance asked engineering to cut tooling",
                          "Product Feature: Log Tiering"],
        },
    },
]
PAIRS += [
    # ================= default-v2/test/0015: Wanjiru Carvalho, Pemberly Markets =================
    {
        "scenario_id": "default-v2/test/0015",
        "failure": "feature ruled out by data residency",
        "better": {"good_index": 6},
        "worse": {
            "subject": "Launch planning and the new CFO's first priority",
            "body": "Hi Wanjiru,\n\nWhen Hiroshi Castaneda was named CFO in April, he put operational efficiency, including planning launches with less guesswork, first on his list. With launch forecasts missing by around 48% in either direction, a lot of that lands on your team.\n\nForecastly's Forecast Cloud Analytics runs launch scenarios in our US-hosted analytics workspace, so what-if plans can be shared with finance by link. Baxter & Lowe planned its holiday season two weeks earlier with it.\n\nWho on your side would evaluate a tool like this technically? I'd be grateful for an introduction.\n\nBest,\nMartin",
            "citations": ["News: Pemberly Markets appoints Chief Financial Officer",
                          "Metric: Launch forecast error around 48%", "Product Feature: Forecast Cloud Analytics",
                          "Case Study: Baxter & Lowe"],
        },
    },
    {
        "scenario_id": "default-v2/test/0015",
        "failure": "colleague's pain as prospect's own",
        "better": {"good_index": 7},
        "worse": {
            "subject": "Launch quantities set by gut feel",
            "body": "Hi Wanjiru,\n\nYou told us that launch quantities at Pemberly are set by gut feel in a planning meeting, across about 160 new items a year with no history to go on.\n\nForecastly's Launch Forecasting forecasts each new item from the sales of similar ones, so the meeting starts from evidence. It needs no agent and can be hosted in the EU.\n\nCould you point me to whoever checks tools like this on the technical side?\n\nKind regards,\nMartin",
            "citations": ["Pain: Launch quantities are set by gut", "Pain: The team launches about 160 new",
                          "Product Feature: Launch Forecasting", "Requirement: data residency"],
        },
    },
    {
        "scenario_id": "default-v2/test/0015",
        "failure": "unapproved claim",
        "better": {"good_index": 6},
        "worse": {
            "subject": "Launch forecasts that don't miss",
            "body": "Hi Wanjiru,\n\nWhen Hiroshi Castaneda was named CFO in April, he put planning launches with less guesswork first on his list. With launch forecasts missing by around 48% in either direction, that lands on your team.\n\nForecastly is 99% accurate on every item, and its Launch Forecasting forecasts each new item from the history of similar ones. It can be hosted in the EU, in line with your DPO's rule.\n\nWho on your side would evaluate a tool like this technically? I'd be grateful for an introduction.\n\nBest,\nMartin",
            "citations": ["News: Pemberly Markets appoints Chief Financial Officer",
                          "Metric: Launch forecast error around 48%", "Marketing Copy: Forecastly analyst briefing",
                          "Product Feature: Launch Forecasting", "Requirement: data residency"],
        },
    },
    {
        "scenario_id": "default-v2/test/0015",
        "failure": "competitor rumour",
        "better": {"good_index": 7},
        "worse": {
            "subject": "Better than a 29% discount",
            "body": "Hi Wanjiru,\n\nI heard o9 Solutions offered Pemberly a 29% discount to win your forecasting deal. Before you decide, it's worth seeing Forecastly's Launch Forecasting, which forecasts each of your roughly 160 yearly new items from the sales of similar ones and can be hosted in the EU. We're happy to be competitive on price too.\n\nCould you point me to whoever checks tools like this on the technical side?\n\nKind regards,\nMartin",
            "citations": ["Competitor: o9 Solutions", "Pain: The team launches about 160 new",
                          "Product Feature: Launch Forecasting", "Requirement: data residency"],
        },
    },
    {
        "scenario_id": "default-v2/test/0015",
        "failure": "pasted verbatim",
        "better": {"good_index": 6},
        "worse": {
            "subject": "Launch Forecasting",
            "body": "Hi Wanjiru,\n\nWanjiru says: Launch forecasts miss by 48% in either direction. Pemberly Markets appointed Hiroshi Castaneda as Chief Financial Officer on April 23, 2026; in the announcement Castaneda named operational efficiency, including the push to plan launches with less guesswork as the first priority.\n\nLaunch Forecasting forecasts new items from the history of similar ones; launch quantities start from evidence. No agent is needed for Launch Forecasting; it works alongside the systems already in place, hosted in the EU or the US. Solace Beauty is a cosmetics brand that cut launch forecast error in half with Forecastly's Launch Forecasting.\n\nCould you introduce me to the technical evaluator?\n\nBest,\nMartin",
            "citations": ["Pain: Launch forecasts miss by 48% in",
                          "News: Pemberly Markets appoints Chief Financial Officer",
                          "Product Feature: Launch Forecasting", "Case Study: Solace Beauty"],
        },
    },
    {
        "scenario_id": "default-v2/test/0015",
        "failure": "stale system record",
        "better": {"good_index": 7},
        "worse": {
            "subject": "160 launches a year, straight from Toshiba POS",
            "body": "Hi Wanjiru,\n\nYour team launches about 160 new items a year with no sales history to go on, and those items now bring in around 27% of revenue.\n\nForecastly's Launch Forecasting forecasts each new item from the sales of similar ones, and since Pemberly's stores run on Toshiba POS, we can take the history of comparable items straight from your POS data. It can be hosted in the EU.\n\nCould you point me to whoever checks tools like this on the technical side?\n\nKind regards,\nMartin",
            "citations": ["Pain: The team launches about 160 new", "Pain: About 27% of revenue comes from",
                          "Tech Survey: Pemberly Markets (2023)", "Product Feature: Launch Forecasting",
                          "Requirement: data residency"],
        },
    },
    # ================= default-v2/test/0016: Bongani Blackwood, Alcove Networks =================
    {
        "scenario_id": "default-v2/test/0016",
        "failure": "feature ruled out by no-agent rule",
        "better": {"good_index": 9},
        "worse": {
            "subject": "Meridian and your SLA commitments",
            "body": "Hi Bongani,\n\nCongratulations on closing the Meridian Telecom acquisition last month. Taking on about 576 more staff, while SLA penalties already cost Alcove $160K last year, puts a lot of weight on getting jobs closed on time.\n\nFieldPoint's Offline Field App works without signal and syncs through a gateway agent on your servers, so technicians at remote sites never lose a job. Highmoor Gas closed jobs 30 minutes faster at remote sites with it.\n\nCould I show you how it works in a 30-minute demo?\n\nBest,\nLeah",
            "citations": ["News: Alcove Networks acquires Meridian Telecom", "Pain: SLA penalties cost $160K last year",
                          "Product Feature: Offline Field App", "Case Study: Highmoor Gas"],
        },
    },
    {
        "scenario_id": "default-v2/test/0016",
        "failure": "stale headcount",
        "better": {"good_index": 8},
        "worse": {
            "subject": "The 24% of missed windows",
            "body": "Hi Bongani,\n\nFor a company of about 6,830 employees across 4 offices, missing 24% of appointment windows adds up quickly.\n\nFieldPoint's Customer Arrival Alerts texts each subscriber the technician's live arrival time, which cuts down no-access visits. Sparrow Broadband brought missed windows down from 18% to 6% with it, and it connects through standard APIs, so there is no new agent on your servers.\n\nWould a 30-minute demo be useful?\n\nBest,\nLeah",
            "citations": ["Firmographics: Alcove Networks (2021)", "Metric: 24% of appointment windows missed",
                          "Product Feature: Customer Arrival Alerts", "Case Study: Sparrow Broadband",
                          "Requirement: no new server agents"],
        },
    },
    {
        "scenario_id": "default-v2/test/0016",
        "failure": "unapproved claim",
        "better": {"good_index": 8},
        "worse": {
            "subject": "The 24% of missed windows",
            "body": "Hi Bongani,\n\nOf the 24% of appointment windows Alcove misses, how many end with a technician at the door and nobody home?\n\nFieldPoint's Customer Arrival Alerts texts each subscriber the technician's live arrival time, and across the platform FieldPoint doubles technician productivity for every customer. It connects through standard APIs, so there is no new agent on your servers.\n\nWould a 30-minute demo be useful?\n\nBest,\nLeah",
            "citations": ["Metric: 24% of appointment windows missed", "Product Feature: Customer Arrival Alerts",
                          "Marketing Copy: FieldPoint trade-show banner", "Requirement: no new server agents"],
        },
    },
    {
        "scenario_id": "default-v2/test/0016",
        "failure": "other account's note",
        "better": {"good_index": 9},
        "worse": {
            "subject": "Late technicians and SLA penalties",
            "body": "Hi Bongani,\n\nYou mentioned on our call in June that subscribers aren't told when a technician is running late, and with SLA penalties costing Alcove $160K last year, that gap is expensive.\n\nFieldPoint's Customer Arrival Alerts texts subscribers the technician's live arrival time, so fewer visits end with nobody home. It is API-based, with no agent on your servers.\n\nCould I show you how it works in a 30-minute demo?\n\nBest,\nLeah",
            "citations": ["Account Note: Whinmoor Communications, 2026-06-27", "Pain: SLA penalties cost $160K last year",
                          "Product Feature: Customer Arrival Alerts", "Requirement: no new server agents"],
        },
    },
    {
        "scenario_id": "default-v2/test/0016",
        "failure": "pushy tone",
        "better": {"good_index": 8},
        "worse": {
            "subject": "$160K in penalties and counting",
            "body": "Hi Bongani,\n\nEvery week Alcove keeps missing 24% of its appointment windows is another week of SLA penalties on top of last year's $160K. You can't afford to wait on this.\n\nFieldPoint's Customer Arrival Alerts texts subscribers the technician's live arrival time, with no agent on your servers. I've already put a 30-minute demo in for Thursday at 10am; just reply to confirm, and if I don't hear back I'll call your office.\n\nLeah",
            "citations": ["Metric: 24% of appointment windows missed", "Pain: SLA penalties cost $160K last year",
                          "Product Feature: Customer Arrival Alerts", "Requirement: no new server agents"],
        },
    },
    {
        "scenario_id": "default-v2/test/0016",
        "failure": "competitor rumour",
        "better": {"good_index": 9},
        "worse": {
            "subject": "Before the ServiceTitan pilot goes further",
            "body": "Hi Bongani,\n\nI heard Alcove is already piloting ServiceTitan. Before that goes further, it's worth a look at FieldPoint's Customer Arrival Alerts, which texts subscribers the technician's live arrival time, so fewer visits end with nobody home. With SLA penalties at $160K last year, that matters. It is API-based, with no agent on your servers.\n\nCould I show you how it compares in a 30-minute demo?\n\nBest,\nLeah",
            "citations": ["Competitor: ServiceTitan", "Pain: SLA penalties cost $160K last year",
                          "Product Feature: Customer Arrival Alerts", "Requirement: no new server agents"],
        },
    },
    # ================= default-v2/test/0017: Giulia Gutierrez, Tidemark Telecom =================
    {
        "scenario_id": "default-v2/test/0017",
        "failure": "stale system record (pitches Salesforce feature)",
        "better": {"good_index": 11},
        "worse": {
            "subject": "Fewer repeat contacts in Service Cloud",
            "body": "Hi Giulia,\n\nYour first response sits at 8 hours against a 3-hour target, and the Monday pile-up of weekend tickets makes it worse.\n\nSince Tidemark runs on Salesforce Service Cloud, Helix Desk's Answer Bot for Salesforce can answer routine cases inside Service Cloud, and escalations keep the whole conversation. Penrose Broadband, another fibre provider, cut repeat contacts by 30% with it.\n\nWould you like to run it on your own queue with a 14-day free trial?\n\nBest,\nOwen",
            "citations": ["Metric: First response time 8 hours", "Pain: Subscribers wait longest on Mondays, when",
                          "Tech Survey: Tidemark Telecom (2023)", "Product Feature: Answer Bot for Salesforce",
                          "Case Study: Penrose Broadband"],
        },
    },
    {
        "scenario_id": "default-v2/test/0017",
        "failure": "competitor rumour",
        "better": {"good_index": 10},
        "worse": {
            "subject": "Hand triage in Freshdesk",
            "body": "Hi Giulia,\n\nI hear Intercom Fin offered you a 55% discount. Before you take it: your agents triage every ticket by hand, and Helix Desk's Smart Triage routes each Freshdesk ticket by intent and urgency automatically.\n\nWant to try it free for 14 days?\n\nOwen",
            "citations": ["Competitor: Intercom Fin", "Pain: Agents triage every ticket by hand",
                          "Product Feature: Smart Triage", "Requirement: integrates with Freshdesk"],
        },
    },
    {
        "scenario_id": "default-v2/test/0017",
        "failure": "unapproved claim",
        "better": {"good_index": 11},
        "worse": {
            "subject": "The #1 support AI, on your Freshdesk queue",
            "body": "Hi Giulia,\n\nHelix Desk was voted #1 support AI by every analyst firm, and its Smart Triage classifies and routes every incoming ticket by intent and urgency so agents start on the right queue.\n\nYour 8-hour first response against a 3-hour target, and the Monday pile-up of weekend tickets, are exactly what it fixes. Smart Triage connects to Freshdesk through standard APIs.\n\nWould you like to run it on your own queue with a 14-day free trial?\n\nBest,\nOwen",
            "citations": ["Marketing Copy: Helix Desk partner brochure", "Product Feature: Smart Triage",
                          "Metric: First response time 8 hours", "Pain: Subscribers wait longest on Mondays, when",
                          "Requirement: integrates with Freshdesk"],
        },
    },
    {
        "scenario_id": "default-v2/test/0017",
        "failure": "reveals tracking",
        "better": {"good_index": 10},
        "worse": {
            "subject": "You opened our guide 6 times",
            "body": "Hi Giulia,\n\nI noticed you downloaded our guide on clearing the support backlog in January and opened it six times, so this is clearly on your mind. Your agents triage every ticket by hand, and Helix Desk's Smart Triage routes each Freshdesk ticket by intent and urgency automatically.\n\nWant to try it free for 14 days?\n\nOwen",
            "citations": ["Account Note: Tidemark Telecom, 2027-01-26", "Pain: Agents triage every ticket by hand",
                          "Product Feature: Smart Triage", "Requirement: integrates with Freshdesk"],
        },
    },
    {
        "scenario_id": "default-v2/test/0017",
        "failure": "condescending tone",
        "better": {"good_index": 11},
        "worse": {
            "subject": "Still triaging tickets by hand?",
            "body": "Hi Giulia,\n\nHonestly, triaging every ticket by hand in 2027 is a bit behind the times; most support teams moved past that years ago, and an 8-hour first response against a 3-hour target is what you'd expect as a result.\n\nHelix Desk's Smart Triage classifies and routes every incoming ticket by intent and urgency, and it connects to Freshdesk, so even a team that hasn't automated anything yet can get going. Latchford Energy cut first response from 20 hours to 3 with it.\n\nWould you like to try it with a 14-day free trial?\n\nBest,\nOwen",
            "citations": ["Pain: Agents triage every ticket by hand", "Metric: First response time 8 hours",
                          "Product Feature: Smart Triage", "Requirement: integrates with Freshdesk",
                          "Case Study: Latchford Energy"],
        },
    },
    {
        "scenario_id": "default-v2/test/0017",
        "failure": "other account's note",
        "better": {"good_index": 10},
        "worse": {
            "subject": "A backlog of 3700 and growing",
            "body": "Hi Giulia,\n\nYou told us Tidemark's open ticket backlog is about 3700 and growing. Helix Desk's Smart Triage routes each Freshdesk ticket by intent and urgency automatically, so agents start solving sooner.\n\nWant to try it free for 14 days?\n\nOwen",
            "citations": ["Account Note: Castellan Fiber, 2026-05-19", "Product Feature: Smart Triage",
                          "Requirement: integrates with Freshdesk"],
        },
    },
]
PAIRS += [
    # ================= default-v2/test/0018: Damien Desai, Blackthorn Provisions =================
    {
        "scenario_id": "default-v2/test/0018",
        "failure": "feature ruled out by stack (Samsara)",
        "better": {"good_index": 12},
        "worse": {
            "subject": "Routes from 111 to 169 km",
            "body": "Hi Damien,\n\nYou said on the January panel that average kilometres per route have grown from 111 to 169 as volumes rose.\n\nRoutewise's Telematics Sync pulls live vehicle positions from Samsara into the plan, so ETAs and routes update as trucks move. Kestrel Parcel, a regional carrier, cut late deliveries by a third with it, and Routewise integrates with Samsara and Geotab telematics out of the box.\n\nWould a 30-day pilot with one depot team make sense?\n\nBest,\nSina",
            "citations": ["Pain: Average kilometres per route grew from", "Product Feature: Telematics Sync",
                          "Case Study: Kestrel Parcel", "Policy: Approved product claims"],
        },
    },
    {
        "scenario_id": "default-v2/test/0018",
        "failure": "colleague's pain as prospect's own",
        "better": {"good_index": 13},
        "worse": {
            "subject": "Two trucks on the same street",
            "body": "Hi Damien,\n\nYou told us that routes overlap between your depots, so two trucks often serve the same street, and fuel cost per stop rose 19% in a year.\n\nRoutewise's Territory Balancer redraws depot territories from a year of stop history so overlapping routes disappear, and it works through standard APIs alongside Motive.\n\nCould we run a 30-day pilot with one team and compare cost per stop before and after?\n\nBest,\nSina",
            "citations": ["Pain: Routes overlap between depots, so two", "Pain: Fuel cost per stop rose 19%",
                          "Product Feature: Territory Balancer", "Requirement: integrates with Motive"],
        },
    },
    {
        "scenario_id": "default-v2/test/0018",
        "failure": "unapproved claim",
        "better": {"good_index": 13},
        "worse": {
            "subject": "Fuel cost per stop, up 19%",
            "body": "Hi Damien,\n\nA 19% rise in fuel cost per stop in one year, across a fleet of 90 vehicles, is hard to absorb, especially with overtime reaching 16% of paid hours in peak weeks.\n\nRoutewise's Territory Balancer redraws depot territories from a year of stop history so overlapping routes disappear, and it works through standard APIs alongside Motive. Routewise cuts fuel costs by 50% for every fleet, so that 19% would more than reverse.\n\nCould we run a 30-day pilot with one team?\n\nBest,\nSina",
            "citations": ["Pain: Fuel cost per stop rose 19%", "Pain: Driver overtime runs at 16% of",
                          "Product Feature: Territory Balancer", "Requirement: integrates with Motive",
                          "Marketing Copy: Routewise partner brochure"],
        },
    },
    {
        "scenario_id": "default-v2/test/0018",
        "failure": "stale headcount",
        "better": {"good_index": 12},
        "worse": {
            "subject": "Routes from 111 to 169 km",
            "body": "Hi Damien,\n\nFor a business of about 990 people across 2 offices, watching average kilometres per route grow from 111 to 169 is a real squeeze.\n\nRoutewise's Territory Balancer redraws depot territories from a year of stop history, and it connects through standard APIs, so plans can sit with Motive. Northgate Provisions, a food-service distributor, cut kilometres per route by 14% with it.\n\nWould a 30-day pilot with one depot team make sense?\n\nBest,\nSina",
            "citations": ["Firmographics: Blackthorn Provisions (2021)", "Pain: Average kilometres per route grew from",
                          "Product Feature: Territory Balancer", "Requirement: integrates with Motive",
                          "Case Study: Northgate Provisions"],
        },
    },
    {
        "scenario_id": "default-v2/test/0018",
        "failure": "no ask",
        "better": {"good_index": 13},
        "worse": {
            "subject": "Fuel cost per stop, up 19%",
            "body": "Hi Damien,\n\nA 19% rise in fuel cost per stop in one year, across a fleet of 90 vehicles, is hard to absorb, especially with overtime reaching 16% of paid hours in peak weeks.\n\nRoutewise's Territory Balancer redraws depot territories from a year of stop history so overlapping routes disappear, and it works through standard APIs alongside Motive. Northgate Provisions cut kilometres per route by 14% with it.\n\nWe work with a number of food and beverage distributors facing the same pressures.\n\nBest,\nSina",
            "citations": ["Pain: Fuel cost per stop rose 19%", "Pain: Driver overtime runs at 16% of",
                          "Product Feature: Territory Balancer", "Requirement: integrates with Motive",
                          "Case Study: Northgate Provisions"],
        },
    },
    {
        "scenario_id": "default-v2/test/0018",
        "failure": "competitor rumour",
        "better": {"good_index": 12},
        "worse": {
            "subject": "Before you sign with Descartes",
            "body": "Hi Damien,\n\nI understand Blackthorn is about to sign with Descartes, so I'll be brief. You said on the January panel that average kilometres per route have grown from 111 to 169. Routewise's Territory Balancer redraws depot territories from a year of stop history and connects through standard APIs alongside Motive; Northgate Provisions cut kilometres per route by 14% with it.\n\nWould a 30-day pilot with one depot team make sense before you commit?\n\nBest,\nSina",
            "citations": ["Competitor: Descartes", "Pain: Average kilometres per route grew from",
                          "Product Feature: Territory Balancer", "Requirement: integrates with Motive",
                          "Case Study: Northgate Provisions"],
        },
    },
    # ================= default-v2/test/0019: Orla Whitaker, Kestrel Markets =================
    {
        "scenario_id": "default-v2/test/0019",
        "failure": "stale system record (pitches SAP feature)",
        "better": {"good_index": 14},
        "worse": {
            "subject": "Shelf labels and the September round",
            "body": "Hi Orla,\n\nKestrel's $131M round in September named keeping shelf labels matched to system prices among the things the money will go into. Today price changes reach the shelf 4 days late.\n\nShelfSight's Label Price Audit reads shelf labels and compares them with the prices in your SAP S/4HANA, so wrong labels are reprinted the same day. Holt Grocers, a regional grocer, cut label errors by 80% with it.\n\nWould you like to try it in a few stores with a 14-day free trial?\n\nBest,\nRachel",
            "citations": ["News: Kestrel Markets raises $131M", "Pain: Price changes reach the shelf 4",
                          "Tech Survey: Kestrel Markets (2022)", "Product Feature: Label Price Audit",
                          "Case Study: Holt Grocers"],
        },
    },
    {
        "scenario_id": "default-v2/test/0019",
        "failure": "other account's note",
        "better": {"good_index": 15},
        "worse": {
            "subject": "Price errors on 6% of items",
            "body": "Hi Orla,\n\nYou wrote in October that shelf-label price errors were found on 6% of items audited, and your store teams still check labels by hand with a scanner.\n\nShelfSight's LS Central Price Audit compares shelf labels with the prices in LS Central, so each price change gets checked on the shelf.\n\nWould a 14-day free trial in a couple of stores be a fair way to find out?\n\nBest,\nRachel",
            "citations": ["Account Note: Wickham Markets, 2026-10-03", "Pain: Staff check labels by hand with",
                          "Product Feature: LS Central Price Audit", "Requirement: integrates with LS Central"],
        },
    },
    {
        "scenario_id": "default-v2/test/0019",
        "failure": "unapproved claim",
        "better": {"good_index": 14},
        "worse": {
            "subject": "Shelf labels and the September round",
            "body": "Hi Orla,\n\nKestrel's $131M round in September named keeping shelf labels matched to system prices among the things the money will go into. Today price changes reach the shelf 4 days late.\n\nShelfSight's LS Central Price Audit compares shelf labels with the prices in LS Central, and ShelfSight recognises every product with 100% accuracy, so no wrong label slips through.\n\nWould you like to try it in a few stores with a 14-day free trial?\n\nBest,\nRachel",
            "citations": ["News: Kestrel Markets raises $131M", "Pain: Price changes reach the shelf 4",
                          "Product Feature: LS Central Price Audit", "Marketing Copy: ShelfSight trade-show banner"],
        },
    },
    {
        "scenario_id": "default-v2/test/0019",
        "failure": "competitor rumour",
        "better": {"good_index": 15},
        "worse": {
            "subject": "Before Repsly",
            "body": "Hi Orla,\n\nI hear Kestrel is about to sign with Repsly, so before you do: you've said 3% of audited shelf prices are wrong and changes land about 4 days late. ShelfSight's LS Central Price Audit compares shelf labels with the prices in LS Central, so each price change gets checked on the shelf.\n\nWould a 14-day free trial in a couple of stores be a fair way to compare?\n\nBest,\nRachel",
            "citations": ["Competitor: Repsly", "Metric: 3% of audited shelf prices",
                          "Pain: Price changes reach the shelf 4", "Product Feature: LS Central Price Audit"],
        },
    },
    {
        "scenario_id": "default-v2/test/0019",
        "failure": "generic opener",
        "better": {"good_index": 14},
        "worse": {
            "subject": "Quick question about shelf execution",
            "body": "Hi Orla,\n\nI hope this email finds you well. Many grocery retailers struggle to keep shelves in order, and store operations leaders are always looking for ways to work smarter.\n\nShelfSight's LS Central Price Audit compares shelf labels with the prices in LS Central, so price changes are checked on the shelf, and it works from phone photos with no new hardware.\n\nWould you like to try it in a few stores with a 14-day free trial?\n\nBest,\nRachel",
            "citations": ["Product Feature: LS Central Price Audit", "Policy: Approved product claims"],
        },
    },
    {
        "scenario_id": "default-v2/test/0019",
        "failure": "sloppy/unclear",
        "better": {"good_index": 15},
        "worse": {
            "subject": "labels",
            "body": "Hi Orla,\n\nre shelf labels + pricing: our LS central audit thing could maybe help w/ the 4 day lag and the 3% issue?? basically we compare labels/prices etc so staff not scanning by hand all the time, brennans used it across stores i think.\n\nanyway lmk if a trial or whatever works\n\nRachel",
            "citations": ["Pain: Price changes reach the shelf 4", "Metric: 3% of audited shelf prices",
                          "Product Feature: LS Central Price Audit", "Case Study: Brennan's Food Stores"],
        },
    },
    # ================= default-v2/test/0020: Gideon Macedo, Stillwater Payments =================
    {
        "scenario_id": "default-v2/test/0020",
        "failure": "stale system record (pitches BigQuery feature)",
        "better": {"good_index": 16},
        "worse": {
            "subject": "Warehouse spend up 67%",
            "body": "Hi Gideon,\n\nYou said on the panel in March that Stillwater still runs full reloads of large tables every night, and warehouse spend grew 67% last year.\n\nSince your warehouse is BigQuery, Streamline's BigQuery Loader streams changes into partitioned tables so costs stay predictable. Arcadia Telecom cut warehouse spend by 31% with it.\n\nWould a 30-minute demo be worth it?\n\nBest,\nDaniel",
            "citations": ["Pain: Full reloads of large tables run", "Pain: Warehouse spend grew 67% last year",
                          "Tech Survey: Stillwater Payments (2023)", "Product Feature: BigQuery Loader",
                          "Case Study: Arcadia Telecom"],
        },
    },
    {
        "scenario_id": "default-v2/test/0020",
        "failure": "competitor rumour",
        "better": {"good_index": 17},
        "worse": {
            "subject": "Leaving Confluent?",
            "body": "Hi Gideon,\n\nI hear Stillwater is unhappy with its Confluent contract and planning to switch. With connector licences up $50K, Streamline's Change Data Capture streams only changed rows into Databricks, with no nightly reloads.\n\nWorth a 30-minute demo before you pick a replacement?\n\nDaniel",
            "citations": ["Competitor: Confluent", "Pain: Licence costs for connectors rose by",
                          "Product Feature: Change Data Capture", "Requirement: integrates with Databricks"],
        },
    },
    {
        "scenario_id": "default-v2/test/0020",
        "failure": "unapproved claim",
        "better": {"good_index": 16},
        "worse": {
            "subject": "Nightly full reloads",
            "body": "Hi Gideon,\n\nYou said on the panel in March that Stillwater still runs full reloads of large tables every night, and warehouse spend grew 67% last year.\n\nStreamline is ten times faster than any other pipeline tool, and its Change Data Capture streams only the inserts, updates and deletes from your source databases, so the nightly reloads go away. It fits your rule that new tools plug into Databricks.\n\nWould a 30-minute demo be worth it?\n\nBest,\nDaniel",
            "citations": ["Pain: Full reloads of large tables run", "Pain: Warehouse spend grew 67% last year",
                          "Marketing Copy: Streamline analyst briefing", "Product Feature: Change Data Capture",
                          "Requirement: integrates with Databricks"],
        },
    },
    {
        "scenario_id": "default-v2/test/0020",
        "failure": "wrong first name",
        "better": {"good_index": 17},
        "worse": {
            "subject": "Connector costs up $50K",
            "body": "Hi Gordon,\n\nSaw your post about no longer paying for data nobody uses. With connector licences up $50K, Streamline's Change Data Capture streams only changed rows into Databricks, with no nightly reloads.\n\nWorth a 30-minute demo?\n\nDaniel",
            "citations": ["Post: Gideon Macedo, March 15, 2027", "Pain: Licence costs for connectors rose by",
                          "Product Feature: Change Data Capture", "Requirement: integrates with Databricks"],
        },
    },
    {
        "scenario_id": "default-v2/test/0020",
        "failure": "feature list",
        "better": {"good_index": 16},
        "worse": {
            "subject": "Streamline for Stillwater Payments",
            "body": "Hi Gideon,\n\nWarehouse spend grew 67% last year at Stillwater, so here is what Streamline offers:\n\n- Change Data Capture streams inserts, updates and deletes within seconds\n- Pipeline Monitoring tracks freshness, volume and failures\n- Schema Drift Handling adapts pipelines to schema changes\n- Snowflake and BigQuery Loaders keep tables query-ready\n- On-Prem Relay reads on-premises databases without inbound firewall rules\n\nWould a 30-minute demo to go through them all be worth it?\n\nBest,\nDaniel",
            "citations": ["Pain: Warehouse spend grew 67% last year", "Product Feature: Change Data Capture",
                          "Product Feature: Pipeline Monitoring", "Product Feature: Schema Drift Handling",
                          "Product Feature: Snowflake Loader", "Product Feature: BigQuery Loader",
                          "Product Feature: On-Prem Relay"],
        },
    },
    {
        "scenario_id": "default-v2/test/0020",
        "failure": "invented statistic",
        "better": {"good_index": 17},
        "worse": {
            "subject": "Connector costs up $50K",
            "body": "Hi Gideon,\n\nSaw your post about no longer paying for data nobody uses. With connector licences up $50K, Streamline's Change Data Capture streams only changed rows into Databricks; fintech customers typically cut warehouse spend by 40% in their first quarter.\n\nWorth a 30-minute demo?\n\nDaniel",
            "citations": ["Post: Gideon Macedo, March 15, 2027", "Pain: Licence costs for connectors rose by",
                          "Product Feature: Change Data Capture", "Requirement: integrates with Databricks"],
        },
    },
]
PAIRS += [
    # ================= default-v2/test/0021: Zoltan Hollis, Blackthorn Engineering =================
    {
        "scenario_id": "default-v2/test/0021",
        "failure": "feature ruled out by no-agent rule",
        "better": {"good_index": 18},
        "worse": {
            "subject": "Saltash sites and worker safety",
            "body": "Hi Zoltan,\n\nWith Saltash Industries joining last month and about 839 more people coming under your safety programme, and regulators having issued 4 citations in two years, visibility across sites matters more than ever.\n\nSafeTrack EHS's Wearable Alerts collects man-down and gas alerts through an agent on each site gateway, so alerts reach supervisors in seconds. Eastmoor Mining cut response time to alerts to under a minute with it.\n\nWould you and your team join us for a 45-minute working session on how it would look across your sites?\n\nBest,\nHannah",
            "citations": ["News: Blackthorn Engineering acquires Saltash Industries",
                          "Metric: 4 regulatory citations in two", "Product Feature: Wearable Alerts",
                          "Case Study: Eastmoor Mining"],
        },
    },
    {
        "scenario_id": "default-v2/test/0021",
        "failure": "stale title",
        "better": {"good_index": 19},
        "worse": {
            "subject": "Inspections on clipboards",
            "body": "Hi Zoltan,\n\nI enjoyed your Denver talk as Associate Director of Safety at Maersk, and I gather site inspections are still recorded on clipboards on your side. When an auditor asks for evidence, paper is usually where the gaps show.\n\nSafeTrack EHS's Inspection Checklists runs inspections on tablets with photos attached, and each finding becomes a tracked action. It connects through APIs only.\n\nCould we hold a 45-minute working session with your EHS leads?\n\nBest,\nHannah",
            "citations": ["Speaker Bio: Zoltan Hollis (2021)", "Pain: Site inspections are recorded on clipboards",
                          "Product Feature: Inspection Checklists", "Requirement: no new server agents"],
        },
    },
    {
        "scenario_id": "default-v2/test/0021",
        "failure": "unapproved claim",
        "better": {"good_index": 18},
        "worse": {
            "subject": "Saltash sites and audit-ready records",
            "body": "Hi Zoltan,\n\nWith Saltash Industries joining last month and about 839 more people coming under your safety programme, keeping records audit-ready gets harder, and regulators have already issued 4 citations in two years.\n\nSafeTrack EHS's Inspection Checklists moves site inspections onto tablets with photo evidence, connects through standard APIs with no agent on your servers, and SafeTrack EHS guarantees zero injuries, so the citations stop too.\n\nWould you and your team join us for a 45-minute working session?\n\nBest,\nHannah",
            "citations": ["News: Blackthorn Engineering acquires Saltash Industries",
                          "Metric: 4 regulatory citations in two", "Product Feature: Inspection Checklists",
                          "Requirement: no new server agents", "Marketing Copy: SafeTrack EHS homepage"],
        },
    },
    {
        "scenario_id": "default-v2/test/0021",
        "failure": "colleague's pain as prospect's own",
        "better": {"good_index": 19},
        "worse": {
            "subject": "16 days of inspection prep",
            "body": "Hi Zoltan,\n\nYou told us inspection preparation at Blackthorn takes 16 days every time. A lot of that usually goes into chasing paper.\n\nSafeTrack EHS's Inspection Checklists runs inspections on tablets with photos attached, and each finding becomes a tracked action. It connects through APIs only, in line with your standard on third-party agents.\n\nCould we hold a 45-minute working session with your EHS leads and rebuild one of your current checklists together?\n\nBest,\nHannah",
            "citations": ["Pain: Inspection preparation takes 16 days each", "Product Feature: Inspection Checklists",
                          "Requirement: no new server agents"],
        },
    },
    {
        "scenario_id": "default-v2/test/0021",
        "failure": "competitor rumour",
        "better": {"good_index": 18},
        "worse": {
            "subject": "Alongside your Cority pilot",
            "body": "Hi Zoltan,\n\nI understand you're already piloting Cority. While that runs, it may be worth comparing SafeTrack EHS's Inspection Checklists, which moves site inspections onto tablets with photo evidence and turns every finding into an action. It connects through standard APIs, so it works with Enablon and needs no agent. Brookline Power cut inspection prep from two weeks to two days with it.\n\nWould you and your team join us for a 45-minute working session?\n\nBest,\nHannah",
            "citations": ["Competitor: Cority", "Product Feature: Inspection Checklists",
                          "Requirement: integrates with Enablon", "Case Study: Brookline Power"],
        },
    },
    {
        "scenario_id": "default-v2/test/0021",
        "failure": "multiple asks",
        "better": {"good_index": 19},
        "worse": {
            "subject": "Inspections on clipboards",
            "body": "Hi Zoltan,\n\nYou mentioned at the July roundtable that site inspections at Blackthorn are still recorded on clipboards. SafeTrack EHS's Inspection Checklists runs them on tablets with photos attached, and it connects through APIs only.\n\nCould we set up a 45-minute working session with your team? I'd also like to book a separate demo for your IT group, and if you could fill in our short site questionnaire and forward this to procurement, that would speed things up.\n\nBest,\nHannah",
            "citations": ["Pain: Site inspections are recorded on clipboards", "Product Feature: Inspection Checklists",
                          "Requirement: no new server agents"],
        },
    },
    # ================= default-v2/test/0022: Bongani Dahl, Vantage Underwriters =================
    {
        "scenario_id": "default-v2/test/0022",
        "failure": "stale system record (pitches Salesforce feature)",
        "better": {"good_index": 21},
        "worse": {
            "subject": "Faster case reviews in Salesforce",
            "body": "Hi Bongani,\n\nWith your analysts clearing 4100 screening alerts a month, review time is the bottleneck.\n\nSince Vantage runs Salesforce Financial Services Cloud, VerifID's Salesforce KYC Console lets analysts run case reviews inside it, on one screen. Ashby Wealth halved review time per case with it.\n\nOpen to a 20-minute call to see whether your alert profile looks similar?\n\nBest,\nMarco",
            "citations": ["Metric: 4100 screening alerts a month", "Tech Survey: Vantage Underwriters (2021)",
                          "Product Feature: Salesforce KYC Console", "Case Study: Ashby Wealth"],
        },
    },
    {
        "scenario_id": "default-v2/test/0022",
        "failure": "other account's note",
        "better": {"good_index": 20},
        "worse": {
            "subject": "92% false positives",
            "body": "Hi Bongani,\n\nWhen we met in December you told us about 92% of your sanctions alerts are false positives. With 4100 alerts a month, that is a lot of analyst time.\n\nVerifID's Sanctions Screening uses fuzzy matching to keep false positives down, and the sanctions and PEP lists update daily. It connects through standard APIs and plugs into nCino.\n\nWould a 20-minute call to talk through your alert mix be useful?\n\nBest,\nMarco",
            "citations": ["Account Note: Bramblewood Mutual, 2025-12-03", "Metric: 4100 screening alerts a month",
                          "Product Feature: Sanctions Screening", "Requirement: integrates with nCino"],
        },
    },
    {
        "scenario_id": "default-v2/test/0022",
        "failure": "unapproved claim",
        "better": {"good_index": 21},
        "worse": {
            "subject": "How Corvid cut sanctions false positives",
            "body": "Hi Bongani,\n\nCorvid Payments cut its sanctions false positives by 64% after moving to VerifID's Sanctions Screening, and more broadly VerifID stops all identity fraud, so your exposure goes with it.\n\nWith your analysts clearing 4100 alerts a month, that would give a lot of review time back. It connects through standard APIs and plugs into nCino.\n\nOpen to a 20-minute call?\n\nBest,\nMarco",
            "citations": ["Case Study: Corvid Payments", "Product Feature: Sanctions Screening",
                          "Marketing Copy: VerifID sales one-pager", "Metric: 4100 screening alerts a month",
                          "Requirement: integrates with nCino"],
        },
    },
    {
        "scenario_id": "default-v2/test/0022",
        "failure": "colleague's pain as prospect's own",
        "better": {"good_index": 20},
        "worse": {
            "subject": "Weekly watchlist refreshes",
            "body": "Hi Bongani,\n\nYou mentioned that your watchlists are refreshed weekly, not daily, and the regulator asked for evidence of ongoing screening at your last exam.\n\nVerifID's Sanctions Screening updates sanctions and PEP lists daily and uses fuzzy matching to keep false positives down. It connects through standard APIs and plugs into nCino.\n\nWould a 20-minute call be useful?\n\nBest,\nMarco",
            "citations": ["Pain: Watchlists are refreshed weekly, not daily", "Pain: The regulator asked for evidence of",
                          "Product Feature: Sanctions Screening", "Requirement: integrates with nCino"],
        },
    },
    {
        "scenario_id": "default-v2/test/0022",
        "failure": "wrong number",
        "better": {"good_index": 21},
        "worse": {
            "subject": "How Corvid cut sanctions false positives",
            "body": "Hi Bongani,\n\nCorvid Payments, a payments firm, cut its sanctions false positives by 46% after moving to VerifID's Sanctions Screening. Its fuzzy matching keeps false positives down, and the sanctions and PEP lists refresh daily.\n\nWith your analysts clearing 1400 alerts a month, and most of them false positives by your own estimate, a cut of that kind would give review time back. It plugs into nCino through standard APIs.\n\nOpen to a 20-minute call to see whether your alert profile looks similar?\n\nBest,\nMarco",
            "citations": ["Case Study: Corvid Payments", "Product Feature: Sanctions Screening",
                          "Metric: 4100 screening alerts a month", "Requirement: integrates with nCino"],
        },
    },
    {
        "scenario_id": "default-v2/test/0022",
        "failure": "competitor rumour",
        "better": {"good_index": 20},
        "worse": {
            "subject": "Your Onfido pilot",
            "body": "Hi Bongani,\n\nI gather Vantage is already piloting Onfido. Before you go further: if about 95% of your sanctions alerts are false positives, VerifID's Sanctions Screening uses fuzzy matching to keep them down, with lists updated daily, and it plugs into nCino.\n\nWould a 20-minute call to compare notes be useful?\n\nBest,\nMarco",
            "citations": ["Competitor: Onfido", "Pain: About 95% of sanctions alerts are",
                          "Product Feature: Sanctions Screening", "Requirement: integrates with nCino"],
        },
    },
    # ================= default-v2/test/0023: Hamza Egan, Briarcliff Medical Group =================
    {
        "scenario_id": "default-v2/test/0023",
        "failure": "feature ruled out by data residency",
        "better": {"good_index": 23},
        "worse": {
            "subject": "7 weeks of audit prep",
            "body": "Hi Hamza,\n\nYour security team spent 7 weeks preparing for the last audit, and the next one is coming up.\n\nSentinel Cloud's Audit Evidence Packs maps every control to live evidence for SOC 2 and ISO 27001, processed in our US data centres, so auditors get read-only access instead of screenshots. Tamsin Payments cut audit preparation from six weeks to one with it.\n\nCould you introduce me to the person who would evaluate it technically?\n\nBest,\nElena",
            "citations": ["Pain: The security team spent 7 weeks", "Product Feature: Audit Evidence Packs",
                          "Case Study: Tamsin Payments"],
        },
    },
    {
        "scenario_id": "default-v2/test/0023",
        "failure": "colleague's pain as prospect's own",
        "better": {"good_index": 22},
        "worse": {
            "subject": "Evidence collected by hand",
            "body": "Hi Hamza,\n\nYou told us that evidence for the auditors is collected by hand from 28 cloud accounts, and the new CDO has put passing the next audit without a fire drill first.\n\nSentinel Cloud's Agentless Scan reads cloud configuration through the providers' APIs without installing anything and covers a new account within a day. It can be hosted in the EU.\n\nWho on your team would evaluate this technically?\n\nBest,\nElena",
            "citations": ["Pain: Evidence for the auditors is collected",
                          "News: Briarcliff Medical Group appoints Chief Digital Officer",
                          "Product Feature: Agentless Scan", "Requirement: data residency"],
        },
    },
    {
        "scenario_id": "default-v2/test/0023",
        "failure": "unapproved claim",
        "better": {"good_index": 23},
        "worse": {
            "subject": "7 weeks of audit prep",
            "body": "Hi Hamza,\n\nYour security team spent 7 weeks preparing for the last audit, and still nobody can say which of Briarcliff's 28 cloud accounts meet the baseline.\n\nSentinel Cloud is FedRAMP High authorized, and its Agentless Scan reads cloud configuration through provider APIs with nothing to install, hosted in the EU if you need it.\n\nCould you introduce me to the person who would evaluate it technically?\n\nBest,\nElena",
            "citations": ["Pain: The security team spent 7 weeks", "Pain: Nobody can say which of the",
                          "Marketing Copy: Sentinel Cloud sales one-pager", "Product Feature: Agentless Scan",
                          "Requirement: data residency"],
        },
    },
    {
        "scenario_id": "default-v2/test/0023",
        "failure": "stale headcount",
        "better": {"good_index": 22},
        "worse": {
            "subject": "The new CDO and the next audit",
            "body": "Hi Hamza,\n\nFor an organisation of about 17,660 people across 4 offices, the new CDO's priority of passing the next audit without a fire drill is a big ask, with the last audit leaving 20 open findings.\n\nSentinel Cloud's Agentless Scan reads cloud configuration through the providers' APIs without installing anything and covers a new account within a day. It can be hosted in the EU, as your DPO requires.\n\nWho on your team would evaluate this technically?\n\nBest,\nElena",
            "citations": ["Firmographics: Briarcliff Medical Group (2022)",
                          "News: Briarcliff Medical Group appoints Chief Digital Officer",
                          "Pain: The last audit left 20 open", "Product Feature: Agentless Scan",
                          "Requirement: data residency"],
        },
    },
    {
        "scenario_id": "default-v2/test/0023",
        "failure": "competitor rumour",
        "better": {"good_index": 23},
        "worse": {
            "subject": "Before you sign with Wiz",
            "body": "Hi Hamza,\n\nI saw Briarcliff is about to sign with Wiz, so worth a second look first. Your team spent 7 weeks on the last audit; Sentinel Cloud's Agentless Scan reads cloud configuration through provider APIs with nothing to install and can be hosted in the EU. Quayside Bank mapped 40 accounts in a day and closed 22 audit findings with it.\n\nCould you introduce me to the person who would evaluate it technically?\n\nBest,\nElena",
            "citations": ["Competitor: Wiz", "Pain: The security team spent 7 weeks",
                          "Product Feature: Agentless Scan", "Requirement: data residency", "Case Study: Quayside Bank"],
        },
    },
    {
        "scenario_id": "default-v2/test/0023",
        "failure": "other account's note",
        "better": {"good_index": 22},
        "worse": {
            "subject": "27 open findings",
            "body": "Hi Hamza,\n\nYou wrote in May that the last audit left 27 open findings on cloud configuration, and the new CDO has put passing the next audit without a fire drill first.\n\nSentinel Cloud's Agentless Scan reads cloud configuration through the providers' APIs without installing anything and covers a new account within a day. It can be hosted in the EU, as your DPO requires.\n\nWho on your team would evaluate this technically?\n\nBest,\nElena",
            "citations": ["Account Note: Thistledown Medical Group, 2026-05-25",
                          "News: Briarcliff Medical Group appoints Chief Digital Officer",
                          "Product Feature: Agentless Scan", "Requirement: data residency"],
        },
    },
    {
        "scenario_id": "default-v2/test/0023",
        "failure": "ask doesn't match the goal",
        "better": {"good_index": 23},
        "worse": {
            "subject": "7 weeks of audit prep",
            "body": "Hi Hamza,\n\nYour security team spent 7 weeks preparing for the last audit, and still nobody can say which of Briarcliff's 28 cloud accounts meet the baseline right now.\n\nSentinel Cloud's Agentless Scan reads cloud configuration through provider APIs with nothing to install, so you get a current view of every account within a day, hosted in the EU. Quayside Bank mapped 40 accounts in a day and closed 22 audit findings with it.\n\nCan we get a contract signed this month so we can start the rollout before your audit?\n\nBest,\nElena",
            "citations": ["Pain: The security team spent 7 weeks", "Pain: Nobody can say which of the",
                          "Product Feature: Agentless Scan", "Requirement: data residency", "Case Study: Quayside Bank"],
        },
    },
]
