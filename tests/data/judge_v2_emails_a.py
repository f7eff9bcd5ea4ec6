"""Hand-written cold emails for testing the v2 judge, scenarios default-v2/test/0000 to 0011.

Written by a separate writer (an AI assistant briefed as a B2B sales copywriter, given only
../shared/SALES_NOTES.md), one scenario at a time, from that scenario's
brief and knowledge graph only: each KG was read the way a seller reads their research (dates checked
against the scenario's "today", sources weighed, the compliance policy node checked for which claims
are approved, account notes checked for which company they are about, feature limits checked against
the prospect's stack and data-protection rules). Nothing here was derived from the judge: the reward
code was not read and the judge was not run while writing them.

GOOD: 24 emails a skilled seller would send, 2 per scenario, in varied styles (question-led,
trigger-led, proof-led, pain-led, very short, plain/consultative). Each uses one observation from the
prospect's own research, one pain, the one feature that fits within their constraints, at most one
piece of evidence, and one ask that matches the scenario's goal. `citations` lists the node ids whose
facts the email uses.

PAIRS: 60 (better, worse) pairs, 5 per scenario. `better` points at a GOOD email by index; `worse` is a
realistic but clearly weaker email for the same scenario with one named failure a sales manager would
flag (stale record, competitor rumour, unapproved claim, another account's note, a feature whose limits
rule it out, a colleague's pain as the prospect's own, a feature list, a generic opener, a wrong or
invented number, several asks, pushy or condescending tone, too long, no ask, wrong name, pasted notes,
sloppy writing).
"""

GOOD = [
    # ---------------------------------------------------------------- 0000 Theodora Wallin, Verity Beverages
    {  # 0
        "scenario_id": "default-v2/test/0000",
        "style": "trigger-led",
        "subject": "Verity's move to condition-based maintenance",
        "body": (
            "Hi Theodora,\n\n"
            "I saw Verity has posted 45 openings since mid-October, 37% of them in operations, as part of "
            "the shift from calendar to condition-based maintenance.\n\n"
            "You've said about 45% of preventive tasks find nothing wrong. Our Condition-Based Scheduling "
            "turns asset health scores into maintenance tasks only when an asset needs one, so calendar tasks "
            "can be retired. Linwood Dairy cut preventive hours by 27% after adopting it.\n\n"
            "You've also been clear that anything new has to plug into Canary Historian rather than add "
            "another system. Who on your team would evaluate that fit? I'd gladly send them a short "
            "technical overview.\n\n"
            "Best,\nMarcus"
        ),
        "citations": [
            "Job Posts: Verity Beverages, October 2026",
            "Pain: About 45% of preventive tasks find",
            "Product Feature: Condition-Based Scheduling",
            "Case Study: Linwood Dairy",
            "Requirement: integrates with Canary Historian",
        ],
    },
    {  # 1
        "scenario_id": "default-v2/test/0000",
        "style": "question-led",
        "subject": "PMs that find nothing",
        "body": (
            "Hi Theodora,\n\n"
            "If about 45% of preventive tasks at Verity find nothing wrong, how many of them could come off "
            "the calendar altogether?\n\n"
            "That's the question Condition-Based Scheduling is built around: it creates maintenance tasks "
            "from asset health scores, only when they're needed. Linwood Dairy, a dairy processor, cut "
            "preventive hours by 27% with it.\n\n"
            "Since Verity standardised on Canary Historian and procurement only approves tools that work "
            "with it, the real test is technical. Could you point me to the person who would evaluate "
            "that?\n\n"
            "Thanks,\nMarcus"
        ),
        "citations": [
            "Pain: About 45% of preventive tasks find",
            "Product Feature: Condition-Based Scheduling",
            "Case Study: Linwood Dairy",
            "Requirement: integrates with Canary Historian (2)",
        ],
    },
    # ---------------------------------------------------------------- 0001 Oscar Medina, Briarcliff College
    {  # 2
        "scenario_id": "default-v2/test/0001",
        "style": "proof-led",
        "subject": "Westbrook College's yield",
        "body": (
            "Hi Oscar,\n\n"
            "Westbrook College, a liberal-arts college, raised yield by 4 points in one cycle after rolling "
            "out EnrollPath's Enrollment Journeys. I'm writing because you've said your counsellors can't "
            "tell which admits are still undecided, with yield now at 26%.\n\n"
            "Enrollment Journeys sends messages by program, stage and interest, and shows counsellors who is "
            "actually engaging, so they know where to spend their time. It can be hosted in the EU, which "
            "keeps it inside your DPO's residency rule.\n\n"
            "Would your team be open to a 45-minute working session to map it against this year's admits?\n\n"
            "Best,\nHannah"
        ),
        "citations": [
            "Case Study: Westbrook College",
            "Pain: Counsellors cannot tell which admits are",
            "Metric: Yield 26%",
            "Product Feature: Enrollment Journeys",
            "Requirement: data residency",
        ],
    },
    {  # 3
        "scenario_id": "default-v2/test/0001",
        "style": "very short",
        "subject": "six Dublin campuses",
        "body": (
            "Hi Oscar,\n\n"
            "With 6 new campuses coming around Dublin, spotting undecided admits gets harder. Enrollment "
            "Journeys shows counsellors who is engaging, with EU hosting. Could we book a 45-minute working "
            "session with your team?\n\n"
            "Best,\nHannah"
        ),
        "citations": [
            "News: Briarcliff College expands to Dublin",
            "Pain: Counsellors cannot tell which admits are",
            "Product Feature: Enrollment Journeys",
            "Requirement: data residency",
        ],
    },
    # ---------------------------------------------------------------- 0002 Alina Arnesen, Verity Hotels
    {  # 4
        "scenario_id": "default-v2/test/0002",
        "style": "pain-led",
        "subject": "7500 invoices a month by hand",
        "body": (
            "Hi Alina,\n\n"
            "You've said the AP team keys about 7500 invoices a month into Sage Intacct by hand, and with "
            "Flintridge Hospitality now part of Verity, that pile isn't getting smaller.\n\n"
            "Invoice Capture reads PDF, emailed and scanned invoices and scores each field, so only the ones "
            "it's unsure of go to a person. Brackwater Supply, a building-materials distributor, cut manual "
            "keying by 78% in four months with it.\n\n"
            "Would you try it for 14 days, free, on a batch of this month's invoices?\n\n"
            "Regards,\nTomasz"
        ),
        "citations": [
            "Pain: The AP team keys about 7500",
            "News: Verity Hotels acquires Flintridge Hospitality",
            "Product Feature: Invoice Capture",
            "Case Study: Brackwater Supply",
        ],
    },
    {  # 5
        "scenario_id": "default-v2/test/0002",
        "style": "plain/consultative",
        "subject": "scans, emails and paper",
        "body": (
            "Hi Alina,\n\n"
            "The Flintridge Hospitality announcement said integration work starts with finance and systems. "
            "You described invoices reaching you from the hotels as scans, emails and paper, so nobody knows "
            "the true backlog.\n\n"
            "One way to get a handle on it: Invoice Capture reads all three formats, sends only "
            "low-confidence fields to a review queue, and connects through standard APIs, so it can feed "
            "Sage Intacct rather than become another system. Customers have reduced manual invoice keying "
            "by up to 80%.\n\n"
            "If it's useful, I can set up a 14-day free trial so your team can run real invoices through "
            "it.\n\n"
            "Kind regards,\nTomasz"
        ),
        "citations": [
            "News: Verity Hotels acquires Flintridge Hospitality",
            "Pain: Invoices from the hotels arrive as",
            "Product Feature: Invoice Capture",
            "Requirement: integrates with Sage Intacct",
            "Policy: Approved product claims",
        ],
    },
    # ---------------------------------------------------------------- 0003 Jonas Rocha, Tidemark Hospitality
    {  # 6
        "scenario_id": "default-v2/test/0003",
        "style": "trigger-led",
        "subject": "Fiona Lindahl's first priority",
        "body": (
            "Hi Jonas,\n\n"
            "When Fiona Lindahl joined as CFO in August, she named operational efficiency as her first "
            "priority, including screening large applicant volumes fairly and quickly. That lands on your "
            "team, where applications arrive at night and on weekends when nobody is there to answer.\n\n"
            "Text Screening Assistant screens applicants by text at any hour with your knockout questions, "
            "and qualified people book their own interview. It can be hosted in the EU, in line with your "
            "data-protection policy. Mercer Street Markets, a grocery chain, cut no-shows from 38% to 14% "
            "with it.\n\n"
            "Worth a 20-minute call to see whether it fits your hiring plan?\n\n"
            "Best,\nElena"
        ),
        "citations": [
            "News: Tidemark Hospitality appoints Chief Financial Officer",
            "Pain: Applications arrive at night and on",
            "Product Feature: Text Screening Assistant",
            "Requirement: data residency",
            "Case Study: Mercer Street Markets",
        ],
    },
    {  # 7
        "scenario_id": "default-v2/test/0003",
        "style": "very short",
        "subject": "interview no-shows",
        "body": (
            "Hi Jonas,\n\n"
            "You mentioned about 45% of candidates don't show up for interviews. Mercer Street Markets cut "
            "no-shows from 38% to 14% with our Text Screening Assistant, which screens by text at any hour. "
            "Open to a 20-minute call?\n\n"
            "Thanks,\nElena"
        ),
        "citations": [
            "Pain: About 45% of candidates do not",
            "Case Study: Mercer Street Markets",
            "Product Feature: Text Screening Assistant",
        ],
    },
    # ---------------------------------------------------------------- 0004 Giulia Danso, Marlstone Assurance
    {  # 8
        "scenario_id": "default-v2/test/0004",
        "style": "question-led",
        "subject": "photos before the callback?",
        "body": (
            "Hi Giulia,\n\n"
            "What would change in your queue after a storm if policyholders could send photos when they "
            "first report, instead of waiting for an adjuster to call back?\n\n"
            "That's what Digital FNOL does: a mobile link lets them report with photos, so the claim file "
            "starts complete. It needs no specific claims system, so it can sit alongside Majesco Claims "
            "rather than adding another one. Wexford Mutual, a home insurer, cut FNOL time from 40 minutes "
            "to 8 with it.\n\n"
            "Would you consider a 30-day pilot with one claims team?\n\n"
            "Best,\nRafael"
        ),
        "citations": [
            "Pain: Policyholders cannot send photos until an",
            "Product Feature: Digital FNOL",
            "Requirement: integrates with Majesco Claims (2)",
            "Case Study: Wexford Mutual",
        ],
    },
    {  # 9
        "scenario_id": "default-v2/test/0004",
        "style": "proof-led",
        "subject": "Wexford Mutual's FNOL time",
        "body": (
            "Hi Giulia,\n\n"
            "Wexford Mutual, a home insurer, cut first notice of loss from 40 minutes to 8 after moving "
            "reporting to ClaimFlow's Digital FNOL. I thought of you after your January post about speeding "
            "up FNOL this year; your average FNOL call is 32 minutes today.\n\n"
            "Digital FNOL lets policyholders report with photos from a mobile link, so the claim file starts "
            "complete instead of being pieced together on the phone. It works without an agent or a specific "
            "system, next to Majesco Claims.\n\n"
            "Would a 30-day pilot with one team be worth a conversation?\n\n"
            "Best,\nRafael"
        ),
        "citations": [
            "Case Study: Wexford Mutual",
            "Post: Giulia Danso, 2027-01-03",
            "Metric: Average FNOL call 32 minutes",
            "Product Feature: Digital FNOL",
            "Requirement: integrates with Majesco Claims",
        ],
    },
    # ---------------------------------------------------------------- 0005 Brigid Bhatt, Osprey Build Group
    {  # 10
        "scenario_id": "default-v2/test/0005",
        "style": "trigger-led",
        "subject": "the February round and contract terms",
        "body": (
            "Hi Brigid,\n\n"
            "Congratulations on the $29M round in February. I noticed Osprey said part of it goes toward "
            "keeping non-standard terms out of signed contracts.\n\n"
            "You've mentioned that business teams edit templates themselves before legal sees them, and 34% "
            "of signed contracts carry non-standard terms. Clause Library keeps approved clauses and "
            "fallbacks in one place and locks templates for business users. Pellman Construction, a general "
            "contractor, cut non-standard terms by two thirds with it.\n\n"
            "Would a 30-minute demo in the next couple of weeks be useful?\n\n"
            "Best,\nOwen"
        ),
        "citations": [
            "News: Osprey Build Group raises $29M",
            "Pain: Business teams edit templates themselves before",
            "Metric: 34% of signed contracts with",
            "Product Feature: Clause Library",
            "Case Study: Pellman Construction",
        ],
    },
    {  # 11
        "scenario_id": "default-v2/test/0005",
        "style": "pain-led",
        "subject": "8 versions of one contract",
        "body": (
            "Hi Brigid,\n\n"
            "You mentioned there are 8 versions of the standard contract in circulation at Osprey. That "
            "kind of drift means every review starts by working out which version you're even looking at.\n\n"
            "Clause Library keeps a single set of approved clauses and fallbacks and locks templates, so "
            "business users can't create a ninth. It can be hosted in the EU, in line with your "
            "data-protection policy.\n\n"
            "Would you be open to a 30-minute demo built around one of your current templates?\n\n"
            "Best,\nOwen"
        ),
        "citations": [
            "Pain: There are 8 versions of the",
            "Product Feature: Clause Library",
            "Requirement: data residency",
        ],
    },
    # ---------------------------------------------------------------- 0006 Saanvi Mirza, Inglenook Care Partners
    {  # 12
        "scenario_id": "default-v2/test/0006",
        "style": "very short",
        "subject": "calling in alphabetical order",
        "body": (
            "Hi Saanvi,\n\n"
            "You mentioned Inglenook's collectors work accounts in alphabetical order. Collections Worklist "
            "ranks overdue accounts by risk and value each morning, so they call the right ones first. Worth "
            "a 30-minute demo?\n\n"
            "Best,\nJordan"
        ),
        "citations": [
            "Pain: Collectors call accounts in alphabetical order",
            "Product Feature: Collections Worklist",
        ],
    },
    {  # 13
        "scenario_id": "default-v2/test/0006",
        "style": "proof-led",
        "subject": "Kenmore Power's DSO",
        "body": (
            "Hi Saanvi,\n\n"
            "Kenmore Power, an electricity retailer, cut DSO by 11 days after rolling out Collections "
            "Worklist, which ranks overdue accounts by risk and value every morning. With Inglenook's DSO at "
            "69 days against a target of 36, and August's $16M round earmarked partly for collecting faster, "
            "the comparison seemed worth sharing.\n\n"
            "It needs no specific system, so it can run alongside Sage Intacct rather than replace "
            "anything.\n\n"
            "Would a 30-minute demo be worth your time?\n\n"
            "Best,\nJordan"
        ),
        "citations": [
            "Case Study: Kenmore Power",
            "Product Feature: Collections Worklist",
            "Pain: DSO is 69 days against a",
            "News: Inglenook Care Partners raises $16M",
            "Requirement: integrates with Sage Intacct",
        ],
    },
    # ---------------------------------------------------------------- 0007 Noor Bortolotti, Pemberly Outfitters
    {  # 14
        "scenario_id": "default-v2/test/0007",
        "style": "plain/consultative",
        "subject": "your least-privilege post",
        "body": (
            "Hi Noor,\n\n"
            "I read your July 20 post about bringing cloud permissions back to least privilege. A "
            "contractor's keys staying active 123 days after the contract ended is exactly the kind of gap a "
            "spreadsheet review misses.\n\n"
            "Attack Path Graph ranks findings by whether an attacker could actually reach sensitive data, so "
            "your team works from a short, ordered list. It connects through standard APIs, so Okta stays "
            "your system of record. Hollis Learning cut time to fix critical issues from 45 to 9 days with "
            "it.\n\n"
            "If it would help, I can set up a 14-day free trial on one of your AWS accounts.\n\n"
            "Best,\nInes"
        ),
        "citations": [
            "Post: Noor Bortolotti, July 20, 2026",
            "Pain: A contractors keys stayed active 123",
            "Product Feature: Attack Path Graph",
            "Requirement: integrates with Okta Workforce Identity",
            "Case Study: Hollis Learning",
        ],
    },
    {  # 15
        "scenario_id": "default-v2/test/0007",
        "style": "question-led",
        "subject": "48 admin roles",
        "body": (
            "Hi Noor,\n\n"
            "Of the 48 admin roles in production, which ones could an attacker actually use to reach "
            "sensitive data?\n\n"
            "That's the question Attack Path Graph answers. It ranks findings by real reachability, so a "
            "top-ten list replaces thousands of alerts and you can work toward your target of under 12 in a "
            "sensible order. It plugs in through standard APIs, and Okta stays your system of record.\n\n"
            "Would a 14-day free trial on your own AWS accounts be a fair test?\n\n"
            "Best,\nInes"
        ),
        "citations": [
            "Metric: 48 admin roles across production",
            "Product Feature: Attack Path Graph",
            "Requirement: integrates with Okta Workforce Identity",
            "Tech: AWS",
        ],
    },
    # ---------------------------------------------------------------- 0008 Jonas Strand, Silverthorn Hospitality
    {  # 16
        "scenario_id": "default-v2/test/0008",
        "style": "pain-led",
        "subject": "groups on peak nights",
        "body": (
            "Hi Jonas,\n\n"
            "Your May post about groups displacing higher-paying transient guests on peak nights stuck with "
            "me, given Silverthorn's occupancy swings from 50% to 92% between seasons.\n\n"
            "Group Evaluator prices each group request against the transient revenue it would displace, so "
            "sales can quote in hours with that trade-off in view. It needs no agent and can be hosted in "
            "the EU, in line with your data-protection policy. Aldermoor Conference Hotel cut group quote "
            "time to same day with it.\n\n"
            "Open to a 20-minute call to walk through one of your recent requests?\n\n"
            "Best,\nClara"
        ),
        "citations": [
            "Pain: Groups displace higher-paying transient guests on",
            "Company: Silverthorn Hospitality",
            "Product Feature: Group Evaluator",
            "Requirement: data residency",
            "Case Study: Aldermoor Conference Hotel",
        ],
    },
    {  # 17
        "scenario_id": "default-v2/test/0008",
        "style": "trigger-led",
        "subject": "67 openings since May",
        "body": (
            "Hi Jonas,\n\n"
            "I saw Silverthorn has posted 67 openings since early May, 60% of them in operations, part of "
            "the push to decide faster which group requests to accept.\n\n"
            "You've noted that sales managers quote groups without seeing the demand forecast, and "
            "turnaround sits at 5 days. Group Evaluator puts displaced transient revenue next to every group "
            "request, so quotes can go out in hours. Aldermoor Conference Hotel got to same-day group quotes "
            "with it.\n\n"
            "Would a 20-minute call next week make sense?\n\n"
            "Best,\nClara"
        ),
        "citations": [
            "Job Posts: Silverthorn Hospitality, May 2026",
            "Pain: Sales managers quote groups without seeing",
            "Metric: Group quote turnaround 5 days",
            "Product Feature: Group Evaluator",
            "Case Study: Aldermoor Conference Hotel",
        ],
    },
    # ---------------------------------------------------------------- 0009 Ingrid Thakur, Sedgefield Water
    {  # 18
        "scenario_id": "default-v2/test/0009",
        "style": "question-led",
        "subject": "230 lines in two days",
        "body": (
            "Hi Ingrid,\n\n"
            "How much of the last two days of close would you get back if commentary on your 230 P&L lines "
            "arrived as a first draft?\n\n"
            "Variance Narratives drafts flux commentary for every line that breaches a threshold, so "
            "reviewers edit instead of writing from scratch. Orrin Media, a digital publisher, delivered its "
            "reporting pack four days sooner with it.\n\n"
            "You've said anything new has to plug into Sage Intacct rather than add a system. Could you "
            "point me to whoever on your side would evaluate that? I'll keep it brief.\n\n"
            "Best,\nDaniel"
        ),
        "citations": [
            "Pain: Flux commentary for 230 P&L lines",
            "Product Feature: Variance Narratives",
            "Case Study: Orrin Media",
            "Requirement: integrates with Sage Intacct",
        ],
    },
    {  # 19
        "scenario_id": "default-v2/test/0009",
        "style": "plain/consultative",
        "subject": "variance thresholds across teams",
        "body": (
            "Hi Ingrid,\n\n"
            "With 5 new service districts opening around Krakow, I'd guess variance questions from "
            "leadership won't get fewer. You've described thresholds that differ by team, so reviewers argue "
            "about which lines need commentary at all, and the reporting pack lands 5 business days after "
            "month-end.\n\n"
            "Variance Narratives drafts commentary for every line that breaches a set threshold, which gives "
            "reviewers one list to work from. It needs no specific system, so it can sit alongside Sage "
            "Intacct.\n\n"
            "Who would be the right technical person to look at the Intacct side? Happy to send them a "
            "short overview first.\n\n"
            "Best,\nDaniel"
        ),
        "citations": [
            "News: Sedgefield Water expands to Krakow",
            "Pain: Variance thresholds differ by team, so",
            "Metric: Reporting pack lands 5 business",
            "Product Feature: Variance Narratives",
            "Requirement: integrates with Sage Intacct",
        ],
    },
    # ---------------------------------------------------------------- 0010 Aiko Winther, Ledbury Health
    {  # 20
        "scenario_id": "default-v2/test/0010",
        "style": "proof-led",
        "subject": "Harbourline Care's agency spend",
        "body": (
            "Hi Aiko,\n\n"
            "Harbourline Care, a senior-care operator, cut agency spend by 45% after it began offering open "
            "shifts to its own staff through CrewShift's Shift Marketplace. With Ledbury's agency spend at "
            "$310K and a 62% fill rate on open shifts, I thought that might be relevant.\n\n"
            "Shift Marketplace sends open shifts to qualified internal staff on their phones, so they fill "
            "in minutes rather than days. It needs no agent and works alongside SAP SuccessFactors.\n\n"
            "Would you be open to a 30-day pilot with one team?\n\n"
            "Best,\nSam"
        ),
        "citations": [
            "Case Study: Harbourline Care",
            "Metric: Agency spend $310K; fill rate",
            "Product Feature: Shift Marketplace",
            "Requirement: integrates with SAP SuccessFactors",
        ],
    },
    {  # 21
        "scenario_id": "default-v2/test/0010",
        "style": "very short",
        "subject": "part-timers and open shifts",
        "body": (
            "Hi Aiko,\n\n"
            "You posted that part-time staff would take more shifts if they knew about them. Shift "
            "Marketplace puts open shifts on qualified staff's phones. Could we try it with one team for 30 "
            "days?\n\n"
            "Best,\nSam"
        ),
        "citations": [
            "Pain: Part-time staff say they would take",
            "Product Feature: Shift Marketplace",
        ],
    },
    # ---------------------------------------------------------------- 0011 Andrea Nyberg, Heron Health
    {  # 22
        "scenario_id": "default-v2/test/0011",
        "style": "pain-led",
        "subject": "the estimate your auditors questioned",
        "body": (
            "Hi Andrea,\n\n"
            "You mentioned at the September user-group meetup that auditors questioned last year's emissions "
            "estimate. With a 46% cut by 2030 as the target, that number has to hold up.\n\n"
            "Carbon Reporting turns metered energy into scope 1 and 2 reports, and auditors can see the "
            "source data behind each figure. It needs no agent and can be hosted in the EU, in line with "
            "your data-protection policy. Harwick Foods, a grocery chain, passed its first limited-assurance "
            "audit after adopting it.\n\n"
            "Would a 45-minute working session with your team help to see how your data would flow in?\n\n"
            "Best,\nNadia"
        ),
        "citations": [
            "Pain: Auditors questioned the emissions estimate last",
            "Metric: Target: 46% emissions cut by",
            "Product Feature: Carbon Reporting",
            "Requirement: data residency",
            "Case Study: Harwick Foods",
        ],
    },
    {  # 23
        "scenario_id": "default-v2/test/0011",
        "style": "plain/consultative",
        "subject": "emissions with real data",
        "body": (
            "Hi Andrea,\n\n"
            "I saw that Lucia Ruiz, appointed President on 6 December, named operational efficiency, "
            "including reporting emissions with real data, as her first priority. After last year's audit "
            "questions on the estimate, I suspect much of that lands with you.\n\n"
            "One approach worth a look: Carbon Reporting builds scope 1 and 2 reports from metered energy "
            "and lets auditors trace each figure to its source. Nothing to install on your servers, and EU "
            "hosting is available.\n\n"
            "If useful, I'd be glad to join your team for a 45-minute working session on what it would take "
            "with your current data.\n\n"
            "Best,\nNadia"
        ),
        "citations": [
            "News: Heron Health appoints President",
            "Pain: Auditors questioned the emissions estimate last",
            "Product Feature: Carbon Reporting",
            "Requirement: data residency",
        ],
    },
]


PAIRS = [
    # ================================================================ 0000 Theodora Wallin, Verity Beverages
    {
        "scenario_id": "default-v2/test/0000",
        "failure": "stale record (old tech stack)",
        "better": {"good_index": 0},
        "worse": {
            "subject": "failure models from your PI data",
            "body": (
                "Hi Theodora,\n\n"
                "I saw Verity has posted 45 openings since mid-October as part of the move to "
                "condition-based maintenance.\n\n"
                "Since Verity runs AVEVA PI, our PI Historian Models can build failure models from the data "
                "already in your historian, with no new hardware. Brookmoor Chemicals cut unplanned "
                "downtime by 32% with it.\n\n"
                "Who on your team would evaluate the PI side? I'd be glad to send them an overview.\n\n"
                "Best,\nMarcus"
            ),
            "citations": [
                "Job Posts: Verity Beverages, October 2026",
                "Tech Survey: Verity Beverages (2021)",
                "Product Feature: PI Historian Models",
                "Case Study: Brookmoor Chemicals",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0000",
        "failure": "colleague's pain presented as the prospect's own",
        "better": {"good_index": 1},
        "worse": {
            "subject": "820 technician hours",
            "body": (
                "Hi Theodora,\n\n"
                "You've said calendar maintenance takes 820 technician hours a month at Verity. That's a lot "
                "of wrench time going to tasks that may not be needed.\n\n"
                "Condition-Based Scheduling creates maintenance tasks from asset health scores, only when "
                "they're needed. Linwood Dairy cut preventive hours by 27% with it.\n\n"
                "Since Canary Historian is your standard, could you point me to the person who would "
                "evaluate the technical fit?\n\n"
                "Thanks,\nMarcus"
            ),
            "citations": [
                "Pain: Calendar maintenance takes 820 technician hours",
                "Product Feature: Condition-Based Scheduling",
                "Case Study: Linwood Dairy",
                "Requirement: integrates with Canary Historian (2)",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0000",
        "failure": "unapproved marketing claim",
        "better": {"good_index": 0},
        "worse": {
            "subject": "never be surprised by a failure again",
            "body": (
                "Hi Theodora,\n\n"
                "You've said about 45% of preventive tasks at Verity find nothing wrong. With Vantage "
                "Reliability that stops being a guessing game: it predicts 100% of failures, so "
                "Condition-Based Scheduling only creates a task when an asset really needs one.\n\n"
                "Since anything new has to plug into Canary Historian, who on your team would evaluate the "
                "fit? I'd be glad to send them a short overview.\n\n"
                "Best,\nMarcus"
            ),
            "citations": [
                "Pain: About 45% of preventive tasks find",
                "Marketing Copy: Vantage Reliability webinar deck",
                "Product Feature: Condition-Based Scheduling",
                "Requirement: integrates with Canary Historian",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0000",
        "failure": "several asks",
        "better": {"good_index": 1},
        "worse": {
            "subject": "condition-based maintenance at Verity",
            "body": (
                "Hi Theodora,\n\n"
                "You've said about 45% of preventive tasks find nothing wrong. Condition-Based Scheduling "
                "creates tasks from asset health scores only when they're needed; Linwood Dairy cut "
                "preventive hours by 27% with it.\n\n"
                "A few next steps, whichever suits: could you introduce me to whoever evaluates tools "
                "against Canary Historian? I'd also love 30 minutes with you next week for a demo, and if "
                "you can share your current PM schedule we could put together a business case. There's "
                "also a webinar on the 20th you might want to join.\n\n"
                "Thanks,\nMarcus"
            ),
            "citations": [
                "Pain: About 45% of preventive tasks find",
                "Product Feature: Condition-Based Scheduling",
                "Case Study: Linwood Dairy",
                "Requirement: integrates with Canary Historian",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0000",
        "failure": "generic opener, no research",
        "better": {"good_index": 0},
        "worse": {
            "subject": "Quick question",
            "body": (
                "Hi Theodora,\n\n"
                "I hope this email finds you well. Maintenance leaders in manufacturing are under more "
                "pressure than ever to keep lines running and control costs.\n\n"
                "Oriel Industrial's Vantage Reliability monitors critical equipment with sensors and models to "
                "predict failures before they stop production, and our customers have cut unplanned downtime "
                "by up to a third.\n\n"
                "Could you introduce me to the person who evaluates new maintenance technology at your "
                "company?\n\n"
                "Best,\nMarcus"
            ),
            "citations": [
                "Product: Vantage Reliability",
                "Policy: Approved product claims",
            ],
        },
    },
    # ================================================================ 0001 Oscar Medina, Briarcliff College
    {
        "scenario_id": "default-v2/test/0001",
        "failure": "feature ruled out by data residency (US-only)",
        "better": {"good_index": 2},
        "worse": {
            "subject": "answering admits instantly",
            "body": (
                "Hi Oscar,\n\n"
                "With 6 new campuses coming around Dublin, your counsellors will have even less time to find "
                "out which admits are still undecided.\n\n"
                "EnrollPath's Admissions Chat answers applicants' questions around the clock from your "
                "approved content, so undecided admits get answers the moment they ask. Prairie Tech "
                "Institute answered 70% of questions instantly after rolling it out.\n\n"
                "Would your team be open to a 45-minute working session to see it on your own content?\n\n"
                "Best,\nHannah"
            ),
            "citations": [
                "News: Briarcliff College expands to Dublin",
                "Pain: Counsellors cannot tell which admits are",
                "Product Feature: Admissions Chat",
                "Case Study: Prairie Tech Institute",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0001",
        "failure": "another account's note used as the prospect's",
        "better": {"good_index": 3},
        "worse": {
            "subject": "13% melt",
            "body": (
                "Hi Oscar,\n\n"
                "You mentioned melt between deposit and first day runs about 13% at Briarcliff. That's a lot "
                "of deposited students to lose over a summer.\n\n"
                "Enrollment Journeys sends personalised messages by program, stage and interest and shows "
                "counsellors who is engaging, with EU hosting for your DPO. Westbrook College raised yield "
                "by 4 points in one cycle with it.\n\n"
                "Could we set up a 45-minute working session with your team?\n\n"
                "Best,\nHannah"
            ),
            "citations": [
                "Account Note: Briarcliff University, 2025-11-21",
                "Product Feature: Enrollment Journeys",
                "Requirement: data residency",
                "Case Study: Westbrook College",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0001",
        "failure": "passes on a competitor rumour",
        "better": {"good_index": 2},
        "worse": {
            "subject": "before you sign with Salesforce",
            "body": (
                "Hi Oscar,\n\n"
                "I heard Briarcliff is about to sign with Salesforce Education Cloud. Before you commit, it "
                "might be worth comparing.\n\n"
                "You've said counsellors can't tell which admits are still undecided. EnrollPath's "
                "Enrollment Journeys shows them who is engaging, with EU hosting for your DPO, and Westbrook "
                "College raised yield by 4 points in one cycle with it.\n\n"
                "Could we get 45 minutes with your team before anything is signed?\n\n"
                "Best,\nHannah"
            ),
            "citations": [
                "Competitor: Salesforce Education Cloud",
                "Pain: Counsellors cannot tell which admits are",
                "Product Feature: Enrollment Journeys",
                "Case Study: Westbrook College",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0001",
        "failure": "feature list instead of one problem",
        "better": {"good_index": 3},
        "worse": {
            "subject": "EnrollPath for Briarcliff",
            "body": (
                "Hi Oscar,\n\n"
                "EnrollPath covers the whole funnel from inquiry to enrollment:\n"
                "- Enrollment Journeys for personalised messaging by program and stage\n"
                "- Banner Sync and Workday Student Sync to keep records in one place\n"
                "- Application Checklist to chase missing documents by text and email\n"
                "- Admissions Chat to answer applicants' questions instantly\n"
                "- Summer Melt Alerts to flag deposited students who go quiet\n\n"
                "Whatever is top of your list this cycle, we can likely help. Could we set up a 45-minute "
                "working session with your team?\n\n"
                "Best,\nHannah"
            ),
            "citations": [
                "Product: EnrollPath",
                "Product Feature: Enrollment Journeys",
                "Product Feature: Banner Sync",
                "Product Feature: Workday Student Sync",
                "Product Feature: Application Checklist",
                "Product Feature: Admissions Chat",
                "Product Feature: Summer Melt Alerts",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0001",
        "failure": "too long",
        "better": {"good_index": 2},
        "worse": {
            "subject": "Briarcliff College, yield, melt and the Dublin expansion: some thoughts",
            "body": (
                "Hi Oscar,\n\n"
                "I hope you're well. I've been following Briarcliff College for a while now and wanted to "
                "reach out with some thoughts, since there is a lot going on at Briarcliff this year. In "
                "October you announced 6 new campuses around Dublin within a year, which is a big step and "
                "will put a lot of pressure on service levels, including on converting admitted students "
                "into enrolled ones. I also understand Briarcliff is consolidating back-office systems under "
                "a 5-year strategic plan, so I imagine your team has a lot on its plate.\n\n"
                "From what you've shared, counsellors cannot tell which admits are still undecided, yield on "
                "admitted students has fallen to 26%, and melt between deposit and first day is about 9%. "
                "Each of these on its own is a challenge; together they make it hard to plan a class with "
                "any confidence, and I know how frustrating that can be for an admissions director.\n\n"
                "At Quadrangle Software, EnrollPath manages prospective students from first inquiry to "
                "enrollment with personalised outreach. Our Enrollment Journeys feature sends personalised "
                "messages by program, stage and interest, and counsellors see who is engaged, which is "
                "exactly what you need. It needs no agent or specific system, and EU and US hosting are both "
                "available, which I know matters given that your DPO signs off each new vendor and requires "
                "EU hosting of student data since October 2025. As one example, Westbrook College, a "
                "liberal-arts college, raised yield by 4 points in one cycle after rolling out Enrollment "
                "Journeys, and more generally our customers have raised yield by several points in one "
                "cycle. We also offer texting and email in one platform and FERPA-compliant data handling.\n\n"
                "I'd love the chance to show you and your team how this could work at Briarcliff. Would you "
                "be open to a 45-minute working session with your team in the coming weeks? I'm flexible on "
                "timing and happy to work around your calendar.\n\n"
                "Best regards,\nHannah"
            ),
            "citations": [
                "News: Briarcliff College expands to Dublin",
                "Company: Briarcliff College",
                "Pain: Counsellors cannot tell which admits are",
                "Pain: Yield on admitted students fell to",
                "Pain: Melt between deposit and first day",
                "Product Feature: Enrollment Journeys",
                "Requirement: data residency",
                "Case Study: Westbrook College",
                "Policy: Approved product claims",
            ],
        },
    },
    # ================================================================ 0002 Alina Arnesen, Verity Hotels
    {
        "scenario_id": "default-v2/test/0002",
        "failure": "stale record (former title and employer)",
        "better": {"good_index": 4},
        "worse": {
            "subject": "from one AP leader to another",
            "body": (
                "Hi Alina,\n\n"
                "As Senior Manager, Accounts Payable at McKinsey, you'll know how much time disappears into "
                "keying invoices by hand. I understand your team keys about 7500 a month into Sage "
                "Intacct.\n\n"
                "Invoice Capture reads PDF, emailed and scanned invoices and scores each field, so only the "
                "uncertain ones go to a person. Brackwater Supply cut manual keying by 78% in four months "
                "with it.\n\n"
                "Would you try it free for 14 days on a batch of this month's invoices?\n\n"
                "Regards,\nTomasz"
            ),
            "citations": [
                "Speaker Bio: Alina Arnesen (2022)",
                "Pain: The AP team keys about 7500",
                "Product Feature: Invoice Capture",
                "Case Study: Brackwater Supply",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0002",
        "failure": "unapproved claim (guarantee)",
        "better": {"good_index": 5},
        "worse": {
            "subject": "pays for itself in 30 days",
            "body": (
                "Hi Alina,\n\n"
                "With the Flintridge Hospitality integration starting in finance, and invoices arriving as "
                "scans, emails and paper, I think we can help.\n\n"
                "Invoice Capture reads all three formats and only sends low-confidence fields to a person. "
                "Better still, Paystream AP pays for itself in 30 days, guaranteed, so there's no risk in "
                "trying it.\n\n"
                "Shall I set up a 14-day free trial for your team?\n\n"
                "Kind regards,\nTomasz"
            ),
            "citations": [
                "News: Verity Hotels acquires Flintridge Hospitality",
                "Pain: Invoices from the hotels arrive as",
                "Product Feature: Invoice Capture",
                "Marketing Copy: Paystream AP partner brochure",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0002",
        "failure": "feature needs a system they don't run (NetSuite)",
        "better": {"good_index": 4},
        "worse": {
            "subject": "6 days in inboxes",
            "body": (
                "Hi Alina,\n\n"
                "You said on a panel in January that invoice approvals sit in inboxes for 6 days on average. "
                "With Flintridge now joining, that queue will only grow.\n\n"
                "NetSuite Bill Sync posts approved bills to NetSuite with coding suggestions, so approvers "
                "work in one queue instead of email. Marlowe Goods brought approval time from nine days to "
                "two with it.\n\n"
                "Would you like to try it free for 14 days?\n\n"
                "Regards,\nTomasz"
            ),
            "citations": [
                "Pain: Invoice approvals sit in inboxes for",
                "News: Verity Hotels acquires Flintridge Hospitality",
                "Product Feature: NetSuite Bill Sync",
                "Case Study: Marlowe Goods",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0002",
        "failure": "pushy, pressure tone",
        "better": {"good_index": 5},
        "worse": {
            "subject": "Don't let Flintridge bury your AP team",
            "body": (
                "Hi Alina,\n\n"
                "Your AP team is keying about 7500 invoices a month by hand, and Flintridge is about to make "
                "it worse. Every week you wait costs real money.\n\n"
                "Invoice Capture reads PDF, emailed and scanned invoices and only sends uncertain fields to a "
                "person. Brackwater Supply cut manual keying by 78% in four months.\n\n"
                "Trial slots this quarter are limited, so I need you to start your 14-day trial today. I'll "
                "call you tomorrow morning to get it set up.\n\n"
                "Tomasz"
            ),
            "citations": [
                "Pain: The AP team keys about 7500",
                "News: Verity Hotels acquires Flintridge Hospitality",
                "Product Feature: Invoice Capture",
                "Case Study: Brackwater Supply",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0002",
        "failure": "wrong numbers",
        "better": {"good_index": 4},
        "worse": {
            "subject": "75,000 invoices a month by hand",
            "body": (
                "Hi Alina,\n\n"
                "You've said the AP team keys about 75,000 invoices a month into Sage Intacct by hand, and "
                "with Flintridge Hospitality now part of Verity, that pile isn't getting smaller.\n\n"
                "Invoice Capture reads PDF, emailed and scanned invoices and scores each field, so only the "
                "ones it's unsure of go to a person. Brackwater Supply cut manual keying by 87% in four weeks "
                "with it.\n\n"
                "Would you try it for 14 days, free, on a batch of this month's invoices?\n\n"
                "Regards,\nTomasz"
            ),
            "citations": [
                "Pain: The AP team keys about 7500",
                "News: Verity Hotels acquires Flintridge Hospitality",
                "Product Feature: Invoice Capture",
                "Case Study: Brackwater Supply",
            ],
        },
    },
    # ================================================================ 0003 Jonas Rocha, Tidemark Hospitality
    {
        "scenario_id": "default-v2/test/0003",
        "failure": "colleague's pain presented as the prospect's own",
        "better": {"good_index": 6},
        "worse": {
            "subject": "20 hours a week on phone screens",
            "body": (
                "Hi Jonas,\n\n"
                "You've said your recruiters spend 20 hours a week on phone screens. With 330 hires to make "
                "this year, that time adds up fast.\n\n"
                "Text Screening Assistant screens applicants by text at any hour with your knockout "
                "questions, and qualified people book their own interview. It can be hosted in the EU. "
                "Mercer Street Markets cut no-shows from 38% to 14% with it.\n\n"
                "Worth a 20-minute call?\n\n"
                "Best,\nElena"
            ),
            "citations": [
                "Pain: Recruiters spend 20 hours a week",
                "Pain: The team must hire about 330",
                "Product Feature: Text Screening Assistant",
                "Case Study: Mercer Street Markets",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0003",
        "failure": "feature ruled out by data residency (US-only)",
        "better": {"good_index": 6},
        "worse": {
            "subject": "3,000 seasonal applicants in a month",
            "body": (
                "Hi Jonas,\n\n"
                "When Fiona Lindahl joined as CFO, she put screening large applicant volumes fairly and "
                "quickly at the top of the list, and your applications arrive at night and on weekends.\n\n"
                "TalentLoop's Video Interviews let candidates record a one-way interview whenever suits them, "
                "and hiring managers review on their own time. Pemberton Hotels, a hotel group, screened "
                "3,000 seasonal applicants in a month with it.\n\n"
                "Worth a 20-minute call?\n\n"
                "Best,\nElena"
            ),
            "citations": [
                "News: Tidemark Hospitality appoints Chief Financial Officer",
                "Pain: Applications arrive at night and on",
                "Product Feature: Video Interviews",
                "Case Study: Pemberton Hotels",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0003",
        "failure": "stale record (old tech stack)",
        "better": {"good_index": 7},
        "worse": {
            "subject": "scheduling straight from Workday",
            "body": (
                "Hi Jonas,\n\n"
                "You mentioned about 45% of candidates don't show up for interviews. Since Tidemark runs "
                "Workday, our Workday Scheduling books interviews straight from your requisitions and syncs "
                "status back to the candidate record. Ridgeway Freight cut time to hire by 40% with it.\n\n"
                "Open to a 20-minute call?\n\n"
                "Thanks,\nElena"
            ),
            "citations": [
                "Pain: About 45% of candidates do not",
                "Tech Survey: Tidemark Hospitality (2023)",
                "Product Feature: Workday Scheduling",
                "Case Study: Ridgeway Freight",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0003",
        "failure": "condescending tone",
        "better": {"good_index": 7},
        "worse": {
            "subject": "your no-show problem",
            "body": (
                "Hi Jonas,\n\n"
                "Honestly, a 45% interview no-show rate is the kind of thing most TA teams sorted out years "
                "ago, so it was surprising to see it at a group of Tidemark's size.\n\n"
                "The fix isn't complicated: Text Screening Assistant screens applicants by text at any hour "
                "and lets qualified people book themselves. Mercer Street Markets cut no-shows from 38% to "
                "14% with it, and they're a grocery chain.\n\n"
                "Let's get 20 minutes on the calendar and I'll walk you through it.\n\n"
                "Elena"
            ),
            "citations": [
                "Pain: About 45% of candidates do not",
                "Product Feature: Text Screening Assistant",
                "Case Study: Mercer Street Markets",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0003",
        "failure": "no ask",
        "better": {"good_index": 6},
        "worse": {
            "subject": "Fiona Lindahl's first priority",
            "body": (
                "Hi Jonas,\n\n"
                "When Fiona Lindahl joined as CFO in August, she named screening large applicant volumes "
                "fairly and quickly as part of her first priority. That lands on your team, where "
                "applications arrive at night and on weekends when nobody is there to answer.\n\n"
                "Text Screening Assistant screens applicants by text at any hour with your knockout "
                "questions, and qualified people book their own interview. It can be hosted in the EU. "
                "Mercer Street Markets, a grocery chain, cut no-shows from 38% to 14% with it.\n\n"
                "Best,\nElena"
            ),
            "citations": [
                "News: Tidemark Hospitality appoints Chief Financial Officer",
                "Pain: Applications arrive at night and on",
                "Product Feature: Text Screening Assistant",
                "Case Study: Mercer Street Markets",
            ],
        },
    },
    # ================================================================ 0004 Giulia Danso, Marlstone Assurance
    {
        "scenario_id": "default-v2/test/0004",
        "failure": "passes on a competitor rumour",
        "better": {"good_index": 9},
        "worse": {
            "subject": "moving off the Guidewire add-ons",
            "body": (
                "Hi Giulia,\n\n"
                "I heard Marlstone is unhappy with its Guidewire ClaimCenter add-ons contract and planning "
                "to switch, so the timing seemed right to reach out.\n\n"
                "Digital FNOL lets policyholders report with photos from a mobile link, so the claim file "
                "starts complete. Wexford Mutual cut FNOL time from 40 minutes to 8 with it.\n\n"
                "Would a 30-day pilot with one team make sense while you're evaluating replacements?\n\n"
                "Best,\nRafael"
            ),
            "citations": [
                "Competitor: Guidewire ClaimCenter add-ons",
                "Product Feature: Digital FNOL",
                "Case Study: Wexford Mutual",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0004",
        "failure": "feature needs a system they don't run (Guidewire)",
        "better": {"good_index": 8},
        "worse": {
            "subject": "56% re-keyed from email",
            "body": (
                "Hi Giulia,\n\n"
                "You mentioned about 56% of claim details are re-keyed from emails. That's a lot of adjuster "
                "time spent typing.\n\n"
                "ClaimCenter Intake creates claims in Guidewire ClaimCenter straight from digital reports, so "
                "adjusters work where they already are. Halsey Auto Insurance removed re-keying for 80% of "
                "claims with it.\n\n"
                "Would you consider a 30-day pilot with one claims team?\n\n"
                "Best,\nRafael"
            ),
            "citations": [
                "Pain: About 56% of claim details are",
                "Product Feature: ClaimCenter Intake",
                "Case Study: Halsey Auto Insurance",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0004",
        "failure": "another account's note used as the prospect's",
        "better": {"good_index": 9},
        "worse": {
            "subject": "65-minute waits after storms",
            "body": (
                "Hi Giulia,\n\n"
                "After storms, your call wait times reach 65 minutes, which must be hard on policyholders "
                "who've just had a loss.\n\n"
                "Digital FNOL lets them report with photos from a mobile link, so the claim file starts "
                "complete without a phone call. It works next to Majesco Claims. Wexford Mutual cut FNOL time "
                "from 40 minutes to 8 with it.\n\n"
                "Would a 30-day pilot with one team be worth a conversation?\n\n"
                "Best,\nRafael"
            ),
            "citations": [
                "Account Note: Wexcombe Insurance Group, 2027-02-04",
                "Product Feature: Digital FNOL",
                "Requirement: integrates with Majesco Claims",
                "Case Study: Wexford Mutual",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0004",
        "failure": "invented statistics",
        "better": {"good_index": 8},
        "worse": {
            "subject": "photos before the callback?",
            "body": (
                "Hi Giulia,\n\n"
                "What would change in your storm queue if policyholders could send photos when they first "
                "report, instead of waiting for an adjuster to call back?\n\n"
                "That's what Digital FNOL does. Insurers using it settle claims 3x faster on average and see "
                "a 40-point jump in NPS within six months. It sits alongside Majesco Claims.\n\n"
                "Would you consider a 30-day pilot with one claims team?\n\n"
                "Best,\nRafael"
            ),
            "citations": [
                "Pain: Policyholders cannot send photos until an",
                "Product Feature: Digital FNOL",
                "Requirement: integrates with Majesco Claims (2)",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0004",
        "failure": "facts pasted verbatim from the notes",
        "better": {"good_index": 9},
        "worse": {
            "subject": "ClaimFlow Digital FNOL",
            "body": (
                "Hi Giulia,\n\n"
                "At Marlstone Assurance, policyholders cannot send photos until an adjuster calls back. "
                "Average FNOL call 32 minutes.\n\n"
                "With Digital FNOL, ClaimFlow lets policyholders report claims with photos from a mobile "
                "link, and the claim file starts complete. Digital FNOL needs no agent or specific system, "
                "and EU and US hosting are both available. After adopting Digital FNOL, Wexford Mutual (a "
                "home insurer) cut FNOL time from 40 minutes to 8.\n\n"
                "Would you agree to a 30-day pilot with one team?\n\n"
                "Best,\nRafael"
            ),
            "citations": [
                "Pain: Policyholders cannot send photos until an",
                "Metric: Average FNOL call 32 minutes",
                "Product Feature: Digital FNOL",
                "Case Study: Wexford Mutual",
            ],
        },
    },
    # ================================================================ 0005 Brigid Bhatt, Osprey Build Group
    {
        "scenario_id": "default-v2/test/0005",
        "failure": "unapproved marketing claim",
        "better": {"good_index": 10},
        "worse": {
            "subject": "a senior partner on every contract",
            "body": (
                "Hi Brigid,\n\n"
                "Congratulations on the $29M round in February, and on putting part of it toward keeping "
                "non-standard terms out of signed contracts.\n\n"
                "You've mentioned business teams edit templates themselves before legal sees them. Clause "
                "Library locks templates and keeps approved fallbacks in one place, and ClauseKit's AI is as "
                "accurate as a senior partner, so nothing non-standard slips through.\n\n"
                "Would a 30-minute demo in the next couple of weeks be useful?\n\n"
                "Best,\nOwen"
            ),
            "citations": [
                "News: Osprey Build Group raises $29M",
                "Pain: Business teams edit templates themselves before",
                "Product Feature: Clause Library",
                "Marketing Copy: ClauseKit analyst briefing",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0005",
        "failure": "feature ruled out by data residency (US-only)",
        "better": {"good_index": 11},
        "worse": {
            "subject": "finding what's in the old contracts",
            "body": (
                "Hi Brigid,\n\n"
                "You mentioned there are 8 versions of the standard contract in circulation at Osprey, which "
                "makes it hard to know what has actually been signed.\n\n"
                "Archive Search indexes your legacy contract archive so every old PDF becomes searchable, and "
                "you can see which version each deal went out on. Ostler Bank found 180 forgotten renewal "
                "clauses in a week with it.\n\n"
                "Would you be open to a 30-minute demo?\n\n"
                "Best,\nOwen"
            ),
            "citations": [
                "Pain: There are 8 versions of the",
                "Product Feature: Archive Search",
                "Case Study: Ostler Bank",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0005",
        "failure": "another account's note used as the prospect's",
        "better": {"good_index": 11},
        "worse": {
            "subject": "11 versions of one contract",
            "body": (
                "Hi Brigid,\n\n"
                "You mentioned there are 11 versions of the standard contract in circulation at Osprey. That "
                "kind of drift means every review starts by working out which version you're looking at.\n\n"
                "Clause Library keeps a single set of approved clauses and fallbacks and locks templates, so "
                "business users can't create another. It can be hosted in the EU, in line with your "
                "data-protection policy.\n\n"
                "Would you be open to a 30-minute demo built around one of your current templates?\n\n"
                "Best,\nOwen"
            ),
            "citations": [
                "Account Note: Hallam Builders, 2027-02-13",
                "Product Feature: Clause Library",
                "Requirement: data residency",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0005",
        "failure": "several asks",
        "better": {"good_index": 10},
        "worse": {
            "subject": "contract terms after the round",
            "body": (
                "Hi Brigid,\n\n"
                "Congratulations on the $29M round. You've said business teams edit templates themselves "
                "before legal sees them; Clause Library locks templates and keeps approved fallbacks in one "
                "place. Pellman Construction cut non-standard terms by two thirds with it.\n\n"
                "Could we book a 30-minute demo? In the meantime, could you send over two or three of your "
                "current templates so we can prepare, and let me know who in IT should review our security "
                "pack? I'd also suggest your team joins our customer webinar next Thursday.\n\n"
                "Best,\nOwen"
            ),
            "citations": [
                "News: Osprey Build Group raises $29M",
                "Pain: Business teams edit templates themselves before",
                "Product Feature: Clause Library",
                "Case Study: Pellman Construction",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0005",
        "failure": "wrong first name",
        "better": {"good_index": 11},
        "worse": {
            "subject": "8 versions of one contract",
            "body": (
                "Hi Bridget,\n\n"
                "You mentioned there are 8 versions of the standard contract in circulation at Osprey. That "
                "kind of drift means every review starts by working out which version you're even looking "
                "at.\n\n"
                "Clause Library keeps a single set of approved clauses and fallbacks and locks templates, so "
                "business users can't create a ninth. It can be hosted in the EU, in line with your "
                "data-protection policy.\n\n"
                "Would you be open to a 30-minute demo built around one of your current templates?\n\n"
                "Best,\nOwen"
            ),
            "citations": [
                "Pain: There are 8 versions of the",
                "Product Feature: Clause Library",
                "Requirement: data residency",
            ],
        },
    },
    # ================================================================ 0006 Saanvi Mirza, Inglenook Care Partners
    {
        "scenario_id": "default-v2/test/0006",
        "failure": "stale record (old headcount)",
        "better": {"good_index": 13},
        "worse": {
            "subject": "collections at 13,570 people",
            "body": (
                "Hi Saanvi,\n\n"
                "For an organisation of about 13,570 people across 2 offices, a DSO of 69 days against a "
                "target of 36 is a big gap to close.\n\n"
                "Collections Worklist ranks overdue accounts by risk and value every morning, so collectors "
                "call the right accounts first. Kenmore Power cut DSO by 11 days with it, and it runs "
                "alongside Sage Intacct.\n\n"
                "Would a 30-minute demo be worth your time?\n\n"
                "Best,\nJordan"
            ),
            "citations": [
                "Firmographics: Inglenook Care Partners (2023)",
                "Pain: DSO is 69 days against a",
                "Product Feature: Collections Worklist",
                "Case Study: Kenmore Power",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0006",
        "failure": "passes on a competitor rumour",
        "better": {"good_index": 12},
        "worse": {
            "subject": "alongside your Billtrust pilot",
            "body": (
                "Hi Saanvi,\n\n"
                "I understand Inglenook is already piloting Billtrust, so you're clearly looking at how to "
                "collect faster. Before you decide, it's worth seeing a different approach.\n\n"
                "Collections Worklist ranks overdue accounts by risk and value each morning, so your "
                "collectors stop working alphabetically. Worth a 30-minute demo to compare?\n\n"
                "Best,\nJordan"
            ),
            "citations": [
                "Competitor: Billtrust",
                "Pain: Collectors call accounts in alphabetical order",
                "Product Feature: Collections Worklist",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0006",
        "failure": "unapproved marketing claim",
        "better": {"good_index": 13},
        "worse": {
            "subject": "the #1 collections platform",
            "body": (
                "Hi Saanvi,\n\n"
                "With Inglenook's DSO at 69 days against a target of 36, and the $16M round aimed partly at "
                "collecting faster, I thought you'd want to know about DueSmart, the #1 collections platform "
                "for utilities.\n\n"
                "Collections Worklist ranks overdue accounts by risk and value every morning, so collectors "
                "call the right accounts first.\n\n"
                "Would a 30-minute demo be worth your time?\n\n"
                "Best,\nJordan"
            ),
            "citations": [
                "Pain: DSO is 69 days against a",
                "News: Inglenook Care Partners raises $16M",
                "Marketing Copy: DueSmart email template",
                "Product Feature: Collections Worklist",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0006",
        "failure": "feature needs a system they don't run (NetSuite)",
        "better": {"good_index": 13},
        "worse": {
            "subject": "DSO from 58 to 41",
            "body": (
                "Hi Saanvi,\n\n"
                "Congratulations on the $16M round. With DSO at 69 days against a target of 36, live "
                "balances for your collectors would be a good start.\n\n"
                "DueSmart's NetSuite AR Sync syncs invoices and payments with NetSuite so collectors always "
                "see current balances. Quarrel Software cut DSO from 58 to 41 days with it.\n\n"
                "Would a 30-minute demo be worth your time?\n\n"
                "Best,\nJordan"
            ),
            "citations": [
                "News: Inglenook Care Partners raises $16M",
                "Pain: DSO is 69 days against a",
                "Product Feature: NetSuite AR Sync",
                "Case Study: Quarrel Software",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0006",
        "failure": "sloppy, unclear writing",
        "better": {"good_index": 12},
        "worse": {
            "subject": "re: collections thing",
            "body": (
                "hi Saanvi\n\n"
                "saw your collectors do the alphabetical thing, we have a worklist that kind of fixes that "
                "(ranks stuff by risk + value etc every morning) plus reminders + payment plans + matching "
                "if you want those too, its all in DueSmart. DSO is 69 which is alot vs 36 so probably worth "
                "a look??\n\n"
                "let me know if a demo works sometime, 30 min or so\n\n"
                "J"
            ),
            "citations": [
                "Pain: Collectors call accounts in alphabetical order",
                "Product Feature: Collections Worklist",
                "Pain: DSO is 69 days against a",
            ],
        },
    },
    # ================================================================ 0007 Noor Bortolotti, Pemberly Outfitters
    {
        "scenario_id": "default-v2/test/0007",
        "failure": "feature needs a system they don't run (Entra ID)",
        "better": {"good_index": 14},
        "worse": {
            "subject": "access reviews in four days",
            "body": (
                "Hi Noor,\n\n"
                "You've said access reviews at Pemberly are a spreadsheet exercise done twice a year.\n\n"
                "Entra ID Reviews runs access reviews through Microsoft Entra ID, and managers approve or "
                "revoke straight from Teams. Dunmore Telecom finished its access review in four days instead "
                "of six weeks with it.\n\n"
                "Would a 14-day free trial be a fair way to test it?\n\n"
                "Best,\nInes"
            ),
            "citations": [
                "Pain: Access reviews are a spreadsheet exercise",
                "Product Feature: Entra ID Reviews",
                "Case Study: Dunmore Telecom",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0007",
        "failure": "stale record (old headcount)",
        "better": {"good_index": 15},
        "worse": {
            "subject": "least privilege at 2,390 people",
            "body": (
                "Hi Noor,\n\n"
                "With about 2,390 people across 2 offices, 48 admin roles in production is a lot more than "
                "Pemberly should need.\n\n"
                "Attack Path Graph ranks findings by whether an attacker could actually reach sensitive data, "
                "so you can work toward your target of under 12 in a sensible order. It plugs in through "
                "standard APIs alongside Okta.\n\n"
                "Would a 14-day free trial on your AWS accounts be a fair test?\n\n"
                "Best,\nInes"
            ),
            "citations": [
                "Firmographics: Pemberly Outfitters (2021)",
                "Metric: 48 admin roles across production",
                "Product Feature: Attack Path Graph",
                "Requirement: integrates with Okta Workforce Identity",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0007",
        "failure": "passes on a competitor rumour",
        "better": {"good_index": 14},
        "worse": {
            "subject": "after the Wiz pilot",
            "body": (
                "Hi Noor,\n\n"
                "I heard Pemberly is already running a Wiz pilot. If it isn't getting you to least privilege, "
                "it might be worth a side-by-side.\n\n"
                "Attack Path Graph ranks findings by whether an attacker could actually reach sensitive "
                "data, so your team works from a short, ordered list, and Okta stays your system of record. "
                "Hollis Learning cut time to fix critical issues from 45 to 9 days with it.\n\n"
                "Happy to set up a 14-day free trial to run next to Wiz.\n\n"
                "Best,\nInes"
            ),
            "citations": [
                "Competitor: Wiz",
                "Product Feature: Attack Path Graph",
                "Requirement: integrates with Okta Workforce Identity",
                "Case Study: Hollis Learning",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0007",
        "failure": "another account's note used as the prospect's",
        "better": {"good_index": 15},
        "worse": {
            "subject": "7 projects with full-access service accounts",
            "body": (
                "Hi Noor,\n\n"
                "You mentioned service accounts with full access turned up in 7 production projects at "
                "Pemberly. Which of those could an attacker actually use?\n\n"
                "Attack Path Graph answers that by ranking findings on real reachability to sensitive data, "
                "so a short list replaces thousands of alerts. It plugs in through standard APIs, and Okta "
                "stays your system of record.\n\n"
                "Would a 14-day free trial on your own AWS accounts be a fair test?\n\n"
                "Best,\nInes"
            ),
            "citations": [
                "Account Note: Briarcliff Goods, 2026-03-29",
                "Product Feature: Attack Path Graph",
                "Requirement: integrates with Okta Workforce Identity",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0007",
        "failure": "pushy, pressure tone",
        "better": {"good_index": 14},
        "worse": {
            "subject": "URGENT: your contractor keys",
            "body": (
                "Noor,\n\n"
                "A contractor's keys stayed active 123 days after the contract ended. That's a breach "
                "waiting to happen, and every day you leave it is a day you're exposed.\n\n"
                "Attack Path Graph shows exactly which of these an attacker could use to reach sensitive "
                "data. You really can't afford to put this off.\n\n"
                "Start your 14-day free trial today. I'll be calling your office this afternoon to make sure "
                "it's set up.\n\n"
                "Ines"
            ),
            "citations": [
                "Pain: A contractors keys stayed active 123",
                "Product Feature: Attack Path Graph",
            ],
        },
    },
    # ================================================================ 0008 Jonas Strand, Silverthorn Hospitality
    {
        "scenario_id": "default-v2/test/0008",
        "failure": "another account's note used as the prospect's",
        "better": {"good_index": 17},
        "worse": {
            "subject": "a third of group leads",
            "body": (
                "Hi Jonas,\n\n"
                "You've said about 33% of Silverthorn's group leads are lost to slow replies. That's a lot "
                "of business walking away while a quote is being put together.\n\n"
                "Group Evaluator puts displaced transient revenue next to every group request, so quotes can "
                "go out in hours. Aldermoor Conference Hotel got to same-day group quotes with it.\n\n"
                "Would a 20-minute call next week make sense?\n\n"
                "Best,\nClara"
            ),
            "citations": [
                "Account Note: Thornbury Hospitality, 2025-10-28",
                "Product Feature: Group Evaluator",
                "Case Study: Aldermoor Conference Hotel",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0008",
        "failure": "unapproved marketing claim",
        "better": {"good_index": 16},
        "worse": {
            "subject": "what the top brands use for groups",
            "body": (
                "Hi Jonas,\n\n"
                "Your May post about groups displacing higher-paying transient guests on peak nights caught "
                "my eye.\n\n"
                "Every top hotel brand uses YieldStay, and its Group Evaluator prices each group request "
                "against the transient revenue it would displace, so sales can quote in hours. It can be "
                "hosted in the EU.\n\n"
                "Open to a 20-minute call?\n\n"
                "Best,\nClara"
            ),
            "citations": [
                "Pain: Groups displace higher-paying transient guests on",
                "Marketing Copy: YieldStay homepage",
                "Product Feature: Group Evaluator",
                "Requirement: data residency",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0008",
        "failure": "feature ruled out by data residency (US-only)",
        "better": {"good_index": 17},
        "worse": {
            "subject": "one view of demand for sales",
            "body": (
                "Hi Jonas,\n\n"
                "You've noted that sales managers quote groups without seeing the demand forecast.\n\n"
                "Portfolio Dashboards gives everyone one view of portfolio performance in a shared BI "
                "workspace, so sales can check demand before quoting. Pinegate Hospitality cut reporting "
                "time by 70% with it.\n\n"
                "Would a 20-minute call next week make sense?\n\n"
                "Best,\nClara"
            ),
            "citations": [
                "Pain: Sales managers quote groups without seeing",
                "Product Feature: Portfolio Dashboards",
                "Case Study: Pinegate Hospitality",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0008",
        "failure": "too long",
        "better": {"good_index": 16},
        "worse": {
            "subject": "Group business at Silverthorn Hospitality: how YieldStay can help",
            "body": (
                "Hi Jonas,\n\n"
                "I hope this finds you well. My name is Clara and I work with revenue leaders at hotel and "
                "resort groups across the US and Europe at Corniche Revenue Systems. I've been reading up on "
                "Silverthorn Hospitality and wanted to share some thoughts that I hope will be useful.\n\n"
                "First, congratulations on the growth. I saw you've posted 67 openings since early May, 60% "
                "of them in operations, which tells me the business is moving quickly. I also noticed that "
                "Silverthorn's occupancy swings from 50% to 92% between seasons, which must make pricing and "
                "group decisions especially tricky during the peaks.\n\n"
                "From what you've shared, sales managers quote groups without seeing the demand forecast, "
                "group quote turnaround is 5 days, about 28% of group leads are lost to slow replies, and "
                "groups displace higher-paying transient guests on peak nights. Those are all connected, and "
                "I think there's a real opportunity here.\n\n"
                "YieldStay prices rooms by demand, day by day, and keeps rates consistent across booking "
                "channels. For your situation, our Group Evaluator prices group requests against displaced "
                "transient revenue, so sales can quote in hours. It needs no agent or specific system, and EU "
                "and US hosting are both available, which fits your data-protection policy requiring EU or "
                "UK data centres for guest data. Aldermoor Conference Hotel cut group quote time to same day "
                "after adopting it. Beyond groups, customers have grown RevPAR by 5 to 10%, and rates update "
                "several times a day.\n\n"
                "I'd really welcome the chance to learn more about how your team handles group requests today "
                "and to share how others have approached it. Would you be open to a 20-minute discovery call "
                "in the next week or two? I'm happy to work around your schedule.\n\n"
                "Best regards,\nClara"
            ),
            "citations": [
                "Job Posts: Silverthorn Hospitality, May 2026",
                "Company: Silverthorn Hospitality",
                "Pain: Sales managers quote groups without seeing",
                "Metric: Group quote turnaround 5 days",
                "Pain: About 28% of group leads are",
                "Pain: Groups displace higher-paying transient guests on",
                "Product Feature: Group Evaluator",
                "Requirement: data residency",
                "Case Study: Aldermoor Conference Hotel",
                "Policy: Approved product claims",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0008",
        "failure": "invented customer and result",
        "better": {"good_index": 16},
        "worse": {
            "subject": "groups on peak nights",
            "body": (
                "Hi Jonas,\n\n"
                "Your May post about groups displacing higher-paying transient guests on peak nights stuck "
                "with me.\n\n"
                "Group Evaluator prices each group request against the transient revenue it would displace, "
                "so sales can quote in hours. Harborview Resorts, a coastal group much like Silverthorn, "
                "recovered $1.2M of peak-night transient revenue in its first season with it.\n\n"
                "Open to a 20-minute call to walk through one of your recent requests?\n\n"
                "Best,\nClara"
            ),
            "citations": [
                "Pain: Groups displace higher-paying transient guests on",
                "Product Feature: Group Evaluator",
            ],
        },
    },
    # ================================================================ 0009 Ingrid Thakur, Sedgefield Water
    {
        "scenario_id": "default-v2/test/0009",
        "failure": "stale record (former title and employer)",
        "better": {"good_index": 18},
        "worse": {
            "subject": "flux commentary at Oracle",
            "body": (
                "Hi Ingrid,\n\n"
                "As Senior Manager, Financial Reporting at Oracle, you'll know how much of close goes into "
                "writing flux commentary by hand.\n\n"
                "Variance Narratives drafts commentary for every line that breaches a threshold, so reviewers "
                "edit instead of writing from scratch. Orrin Media delivered its reporting pack four days "
                "sooner with it.\n\n"
                "Could you point me to whoever would evaluate a tool like this on your side?\n\n"
                "Best,\nDaniel"
            ),
            "citations": [
                "Speaker Bio: Ingrid Thakur (2021)",
                "Product Feature: Variance Narratives",
                "Case Study: Orrin Media",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0009",
        "failure": "feature needs a system they don't run (SAP S/4HANA)",
        "better": {"good_index": 19},
        "worse": {
            "subject": "a faster close on SAP",
            "body": (
                "Hi Ingrid,\n\n"
                "With 5 new service districts opening around Krakow, and your reporting pack landing 5 "
                "business days after month-end, I imagine close is under pressure.\n\n"
                "Since Sedgefield runs SAP, Ledger Match for SAP can reconcile accounts directly against your "
                "postings and write the results back as SAP documents. Veldhoven Plastics took its close from "
                "eleven days to six with it.\n\n"
                "Who would be the right technical person to look at the SAP side?\n\n"
                "Best,\nDaniel"
            ),
            "citations": [
                "News: Sedgefield Water expands to Krakow",
                "Metric: Reporting pack lands 5 business",
                "Tech: SAP IS-U",
                "Product Feature: Ledger Match for SAP",
                "Case Study: Veldhoven Plastics",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0009",
        "failure": "passes on a competitor rumour",
        "better": {"good_index": 18},
        "worse": {
            "subject": "if FloQast isn't working out",
            "body": (
                "Hi Ingrid,\n\n"
                "Word is that Sedgefield is unhappy with its FloQast contract and looking to switch, so I "
                "wanted to get in early.\n\n"
                "Variance Narratives drafts flux commentary for every line that breaches a threshold, so the "
                "230 lines your team writes by hand become a first draft to edit. It sits alongside Sage "
                "Intacct.\n\n"
                "Could you point me to whoever would evaluate a replacement on the technical side?\n\n"
                "Best,\nDaniel"
            ),
            "citations": [
                "Competitor: FloQast",
                "Product Feature: Variance Narratives",
                "Pain: Flux commentary for 230 P&L lines",
                "Requirement: integrates with Sage Intacct",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0009",
        "failure": "no ask",
        "better": {"good_index": 19},
        "worse": {
            "subject": "variance thresholds across teams",
            "body": (
                "Hi Ingrid,\n\n"
                "With 5 new service districts opening around Krakow, I'd guess variance questions from "
                "leadership won't get fewer. You've described thresholds that differ by team, so reviewers "
                "argue about which lines need commentary at all.\n\n"
                "Variance Narratives drafts commentary for every line that breaches a set threshold, which "
                "gives reviewers one list to work from. It needs no specific system, so it can sit alongside "
                "Sage Intacct.\n\n"
                "Just thought this might be of interest.\n\n"
                "Best,\nDaniel"
            ),
            "citations": [
                "News: Sedgefield Water expands to Krakow",
                "Pain: Variance thresholds differ by team, so",
                "Product Feature: Variance Narratives",
                "Requirement: integrates with Sage Intacct",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0009",
        "failure": "generic opener, no research",
        "better": {"good_index": 18},
        "worse": {
            "subject": "Streamlining your financial close",
            "body": (
                "Hi Ingrid,\n\n"
                "I hope you're having a great week. Finance teams everywhere are being asked to close faster "
                "with fewer people, and utilities are no exception.\n\n"
                "Ledgerline Close automates reconciliations, journal entries and close checklists on top of "
                "the general ledger, and typical implementation takes 8 to 12 weeks.\n\n"
                "Could you point me to the right person on your team to evaluate it?\n\n"
                "Best,\nDaniel"
            ),
            "citations": [
                "Product: Ledgerline Close",
                "Policy: Approved product claims",
            ],
        },
    },
    # ================================================================ 0010 Aiko Winther, Ledbury Health
    {
        "scenario_id": "default-v2/test/0010",
        "failure": "feature needs a system they don't run (Workday)",
        "better": {"good_index": 20},
        "worse": {
            "subject": "88% of open shifts filled internally",
            "body": (
                "Hi Aiko,\n\n"
                "With agency spend at $310K and a 62% fill rate on open shifts, there's clearly room to lean "
                "more on your own people.\n\n"
                "Workday Shift Fill offers open shifts to your Workday worker pool, with eligibility taken "
                "straight from Workday records. Quarry Foods filled 88% of open shifts internally with it.\n\n"
                "Would you be open to a 30-day pilot with one team?\n\n"
                "Best,\nSam"
            ),
            "citations": [
                "Metric: Agency spend $310K; fill rate",
                "Product Feature: Workday Shift Fill",
                "Case Study: Quarry Foods",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0010",
        "failure": "unapproved claim (guarantee)",
        "better": {"good_index": 21},
        "worse": {
            "subject": "open shifts, zero fines",
            "body": (
                "Hi Aiko,\n\n"
                "You posted that part-time staff would take more shifts if they knew about them. Shift "
                "Marketplace puts open shifts on qualified staff's phones, and CrewShift guarantees zero "
                "labour-law fines while you do it.\n\n"
                "Could we try it with one team for 30 days?\n\n"
                "Best,\nSam"
            ),
            "citations": [
                "Pain: Part-time staff say they would take",
                "Product Feature: Shift Marketplace",
                "Marketing Copy: CrewShift launch blog post",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0010",
        "failure": "another account's note used as the prospect's",
        "better": {"good_index": 20},
        "worse": {
            "subject": "$710K on agency staff",
            "body": (
                "Hi Aiko,\n\n"
                "You mentioned agency staff cost Ledbury $710K last year. Harbourline Care, a senior-care "
                "operator, cut agency spend by 45% after it began offering open shifts to its own staff "
                "through Shift Marketplace.\n\n"
                "Shift Marketplace sends open shifts to qualified internal staff on their phones, so they "
                "fill in minutes rather than days, alongside SAP SuccessFactors.\n\n"
                "Would you be open to a 30-day pilot with one team?\n\n"
                "Best,\nSam"
            ),
            "citations": [
                "Account Note: Zephyr Care Partners, 2025-10-21",
                "Case Study: Harbourline Care",
                "Product Feature: Shift Marketplace",
                "Requirement: integrates with SAP SuccessFactors",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0010",
        "failure": "condescending tone",
        "better": {"good_index": 21},
        "worse": {
            "subject": "the whiteboard",
            "body": (
                "Hi Aiko,\n\n"
                "Posting open shifts on a whiteboard and giving them to whoever calls first is, frankly, "
                "surprising for a network running 54 clinics and 3 hospitals. Most staffing teams moved past "
                "that a long time ago.\n\n"
                "Shift Marketplace is the obvious modern fix: open shifts go to qualified staff's phones. "
                "It's simple enough that your team will pick it up quickly.\n\n"
                "Let's run it with one team for 30 days.\n\n"
                "Sam"
            ),
            "citations": [
                "Pain: Open shifts are posted on a",
                "Company: Ledbury Health",
                "Product Feature: Shift Marketplace",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0010",
        "failure": "wrong numbers",
        "better": {"good_index": 20},
        "worse": {
            "subject": "Harbourline Care's agency spend",
            "body": (
                "Hi Aiko,\n\n"
                "Harbourline Care, a senior-care operator, cut agency spend by 54% after it began offering "
                "open shifts to its own staff through CrewShift's Shift Marketplace. With Ledbury's agency "
                "spend at $130K and a 26% fill rate on open shifts, I thought that might be relevant.\n\n"
                "Shift Marketplace sends open shifts to qualified internal staff on their phones, so they "
                "fill in minutes rather than days. It needs no agent and works alongside SAP "
                "SuccessFactors.\n\n"
                "Would you be open to a 30-day pilot with one team?\n\n"
                "Best,\nSam"
            ),
            "citations": [
                "Case Study: Harbourline Care",
                "Metric: Agency spend $310K; fill rate",
                "Product Feature: Shift Marketplace",
                "Requirement: integrates with SAP SuccessFactors",
            ],
        },
    },
    # ================================================================ 0011 Andrea Nyberg, Heron Health
    {
        "scenario_id": "default-v2/test/0011",
        "failure": "feature ruled out by data residency (US-only)",
        "better": {"good_index": 22},
        "worse": {
            "subject": "benchmarks auditors recognise",
            "body": (
                "Hi Andrea,\n\n"
                "You mentioned that auditors questioned last year's emissions estimate.\n\n"
                "ENERGY STAR Sync submits your building data to ENERGY STAR Portfolio Manager automatically, "
                "so benchmarks stay current and auditors see a recognised source. Cedar Point Schools "
                "certified 12 buildings with it.\n\n"
                "Would a 45-minute working session with your team be useful?\n\n"
                "Best,\nNadia"
            ),
            "citations": [
                "Pain: Auditors questioned the emissions estimate last",
                "Product Feature: ENERGY STAR Sync",
                "Case Study: Cedar Point Schools",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0011",
        "failure": "unapproved marketing claim",
        "better": {"good_index": 23},
        "worse": {
            "subject": "40% off every building's energy bill",
            "body": (
                "Hi Andrea,\n\n"
                "I saw that Lucia Ruiz, appointed President on 6 December, named reporting emissions with real "
                "data as part of her first priority.\n\n"
                "Carbon Reporting builds scope 1 and 2 reports from metered energy and lets auditors trace "
                "each figure to its source. And because WattWise cuts every building's energy bill by 40%, "
                "your 46% target gets a lot closer too.\n\n"
                "Would a 45-minute working session with your team be useful?\n\n"
                "Best,\nNadia"
            ),
            "citations": [
                "News: Heron Health appoints President",
                "Product Feature: Carbon Reporting",
                "Marketing Copy: WattWise launch blog post",
                "Metric: Target: 46% emissions cut by",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0011",
        "failure": "passes on a competitor rumour",
        "better": {"good_index": 22},
        "worse": {
            "subject": "about Enertiv's discount",
            "body": (
                "Hi Andrea,\n\n"
                "I understand Enertiv has offered Heron Health a 52% discount to win your business. Before "
                "you take it, I'd ask whether it solves the audit problem.\n\n"
                "You mentioned auditors questioned last year's emissions estimate. Carbon Reporting turns "
                "metered energy into scope 1 and 2 reports with the source data visible to auditors, and it "
                "can be hosted in the EU.\n\n"
                "Would a 45-minute working session with your team be useful?\n\n"
                "Best,\nNadia"
            ),
            "citations": [
                "Competitor: Enertiv",
                "Pain: Auditors questioned the emissions estimate last",
                "Product Feature: Carbon Reporting",
                "Requirement: data residency",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0011",
        "failure": "facts pasted verbatim from the notes",
        "better": {"good_index": 23},
        "worse": {
            "subject": "WattWise Carbon Reporting",
            "body": (
                "Hi Andrea,\n\n"
                "Heron Health appointed Lucia Ruiz as President on 6 December 2026; in the announcement Ruiz "
                "named operational efficiency, including the push to report emissions with real data as the "
                "first priority. Auditors questioned the emissions estimate last year, according to "
                "Andrea.\n\n"
                "With Carbon Reporting, WattWise turns metered energy into scope 1 and 2 emissions reports, "
                "and auditors see the source data. Carbon Reporting needs no agent or specific system, and EU "
                "and US hosting are both available.\n\n"
                "Would you be open to a 45-minute working session with your team?\n\n"
                "Best,\nNadia"
            ),
            "citations": [
                "News: Heron Health appoints President",
                "Pain: Auditors questioned the emissions estimate last",
                "Product Feature: Carbon Reporting",
            ],
        },
    },
    {
        "scenario_id": "default-v2/test/0011",
        "failure": "feature list instead of one problem",
        "better": {"good_index": 22},
        "worse": {
            "subject": "everything WattWise can do for Heron Health",
            "body": (
                "Hi Andrea,\n\n"
                "WattWise can help Heron Health in several ways:\n"
                "- Fault Detection finds faults and waste in building-management data\n"
                "- BMS Connector reads your building-management system without rewiring\n"
                "- Cloud Meter Feeds pulls interval data from utility smart meters\n"
                "- Carbon Reporting produces scope 1 and 2 emissions reports\n"
                "- ENERGY STAR Sync keeps your benchmarks current\n"
                "- Work Order Sync creates ServiceNow work orders for each fault\n\n"
                "Customers have cut building energy use by 10 to 15%. Would a 45-minute working session with "
                "your team be useful to see which of these fits?\n\n"
                "Best,\nNadia"
            ),
            "citations": [
                "Product: WattWise",
                "Product Feature: Fault Detection",
                "Product Feature: BMS Connector",
                "Product Feature: Cloud Meter Feeds",
                "Product Feature: Carbon Reporting",
                "Product Feature: ENERGY STAR Sync",
                "Product Feature: Work Order Sync",
                "Policy: Approved product claims",
            ],
        },
    },
]
