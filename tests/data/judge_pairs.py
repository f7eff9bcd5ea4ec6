"""Hand-written (better, worse) email pairs for the rubric judge's validity test.

Written by a person from each scenario's facts, to reflect what a sales lead would send; not derived from
the judge. Each scenario has one strong email and several worse ones, each with one named failure.
Citations "ALL" stand for every node id in the scenario's KG (a citation dump); a body "ALL_CONTENT" for
every node's text pasted in.
"""

PAIRS = {
    "default-v1/test/0000": {
        "good": {
            "subject": "Schedules and the 97% turnover at Elmhurst",
            "body": "Hi Abdul,\n\nYour exit surveys point to schedules as the top reason frontline staff leave, with turnover at 97% a year. Crewshift's Employee Preference Profiles capture each person's availability and honour it when schedules are built, and the Shift Swap Marketplace lets qualified staff swap shifts from their phones within the rules. At about $4,400 to replace one frontline employee, even a small drop in turnover at Elmhurst Institute pays back quickly.\n\nWho on your team evaluates scheduling tools? I'd welcome an introduction to the technical evaluator so we can check the fit with Ellucian Banner.\n\nBest,\nJordan",
            "citations": ["Customer Job", "Pain: Frontline turnover is 97% a year", "Product Feature: Employee Preference Profiles",
                          "Product Feature: Shift Swap Marketplace", "Metric: Replacing one frontline employee costs about"],
        },
        "worse": [
            ("hallucinated number", {
                "subject": "Schedules and the 97% turnover at Elmhurst",
                "body": "Hi Abdul,\n\nYour exit surveys point to schedules as the top reason frontline staff leave, with turnover at 97% a year. Crewshift's Employee Preference Profiles honour each person's availability when schedules are built. Crewshift customers cut turnover by 45% within six months and save $1.8M a year on average.\n\nWho on your team evaluates scheduling tools? I'd welcome an introduction to the technical evaluator.\n\nBest,\nJordan",
                "citations": ["Customer Job", "Pain: Frontline turnover is 97% a year", "Product Feature: Employee Preference Profiles"]}),
            ("wrong prospect name", {
                "subject": "Schedules and turnover at Twinbrook Polytechnic",
                "body": "Hi Tomasz,\n\nYour exit surveys point to schedules as the top reason frontline staff leave. Crewshift's Employee Preference Profiles capture each person's availability and honour it when schedules are built, and the Shift Swap Marketplace lets staff swap shifts from their phones.\n\nWho on your team evaluates scheduling tools? I'd welcome an introduction to the technical evaluator.\n\nBest,\nJordan",
                "citations": ["Customer Job", "Pain: Frontline turnover is 97% a year", "Product Feature: Employee Preference Profiles"]}),
            ("forbidden claim", {
                "subject": "The #1 rated way to fix turnover at Elmhurst",
                "body": "Hi Abdul,\n\nTurnover at Elmhurst Institute is 97% a year and your exit surveys blame schedules. Crewshift is the #1 rated platform in the world: its Employee Preference Profiles honour availability when schedules are built, and the Shift Swap Marketplace lets staff swap shifts from their phones.\n\nCould you introduce me to the technical evaluator on your team?\n\nBest,\nJordan",
                "citations": ["Customer Job", "Pain: Frontline turnover is 97% a year", "Product Feature: Employee Preference Profiles", "Claim: Crewshift is the #1 rated"]}),
            ("no CTA", {
                "subject": "Schedules and the 97% turnover at Elmhurst",
                "body": "Hi Abdul,\n\nYour exit surveys point to schedules as the top reason frontline staff leave, with turnover at 97% a year. Crewshift's Employee Preference Profiles capture each person's availability and honour it when schedules are built, and the Shift Swap Marketplace lets qualified staff swap shifts from their phones within the rules.\n\nCrewshift works with many organisations like Elmhurst Institute.\n\nBest,\nJordan",
                "citations": ["Customer Job", "Pain: Frontline turnover is 97% a year", "Product Feature: Employee Preference Profiles", "Product Feature: Shift Swap Marketplace"]}),
            ("cited competitor trap", {
                "subject": "Better than Deputy for Elmhurst's schedules",
                "body": "Hi Abdul,\n\nDeputy claims its product is twice as fast as Crewshift, but that is only competitor marketing. With turnover at 97% a year at Elmhurst Institute, what matters is that Crewshift's Employee Preference Profiles honour availability when schedules are built.\n\nWho on your team evaluates scheduling tools? An introduction to the technical evaluator would help.\n\nBest,\nJordan",
                "citations": ["Customer Job", "Competitor: Deputy", "Pain: Frontline turnover is 97% a year", "Product Feature: Employee Preference Profiles"]}),
        ],
    },
    "default-v1/test/0002": {
        "good": {
            "subject": "Cormac, the 8 days it takes to book a panel",
            "body": "Hi Cormac,\n\nWith engineering time-to-hire at 50 days and seven finalists lost to competing offers last quarter, the slowest step at Southgate Outfitters seems to be scheduling: a panel takes 8 days to book. TalentLoop's Automated Interview Scheduling finds open slots across interviewers' calendars and lets candidates self-book their panel, so the back-and-forth disappears. Vantage Robotics used it to cut engineering time-to-hire from 58 to 29 days.\n\nWould your recruiting team join a 45-minute working session next week to map where days are lost in your funnel?\n\nBest regards,\nRiley",
            "citations": ["Customer Job", "Pain: Average time-to-hire for engineering roles is", "Product Feature: Automated Interview Scheduling",
                          "Case Study: Vantage Robotics", "Metric: Scheduling a panel takes 8 days"],
        },
        "worse": [
            ("placeholder text", {
                "subject": "Quick idea for [Company]",
                "body": "Hi [First Name],\n\nWith engineering time-to-hire at 50 days at [Company], scheduling looks like the slowest step. TalentLoop's Automated Interview Scheduling lets candidates self-book their panel. Vantage Robotics cut time-to-hire from 58 to 29 days.\n\nWould your team join a 45-minute working session next week?\n\nBest,\n[Your Name]",
                "citations": ["Customer Job", "Product Feature: Automated Interview Scheduling", "Case Study: Vantage Robotics"]}),
            ("too long", {
                "subject": "Cormac, a long note about hiring speed, interviews, sourcing, offers and everything else at Southgate Outfitters",
                "body": "Hi Cormac,\n\nI hope this note finds you well. I have been reading a lot about Southgate Outfitters recently and I wanted to reach out with some thoughts about hiring, recruiting, interviewing and the many moving parts that make up a modern talent acquisition function, because I think there is a lot we could talk about together.\n\nAs I understand it, engineering time-to-hire at Southgate Outfitters is 50 days, and the team lost seven finalists last quarter to competing offers. That is a common story. Many recruiting leaders tell us that the process has grown organically over the years, with different hiring managers running interviews in different ways, different tools in different departments, and a lot of manual coordination in between. When that happens, days are lost in many small places: in scheduling, in feedback collection, in approvals, in offer generation, and in simply waiting for the next step.\n\nTalentLoop is a complete recruiting platform. We offer Structured Interview Kits, a Candidate Sourcing CRM, Automated Interview Scheduling, Hiring Analytics, Job Board Multiposting and Offer Management. Each of these modules can be used alone or together. Automated Interview Scheduling finds slots across interviewer calendars and lets candidates self-book panels. Hiring Analytics shows funnel conversion and time in stage. Offer Management generates offers from templates. Job Board Multiposting posts to more than 30 job boards. The Candidate Sourcing CRM builds talent pools. The Structured Interview Kits give each interviewer focused questions.\n\nWe have worked with companies of every size, in every industry, and in every region, and we believe we could help Southgate Outfitters too, whether the priority is speed, quality, diversity, interviewer load or cost. Vantage Robotics cut engineering time-to-hire from 58 to 29 days, and we have many other stories I would be glad to share with you whenever it suits you.\n\nI would love to find some time to talk about all of this, perhaps in a 45-minute working session with your team, or a shorter call first, or a demo, or whatever format you prefer.\n\nBest regards,\nRiley",
                "citations": ["Customer Job", "Pain: Average time-to-hire for engineering roles is", "Product Feature: Automated Interview Scheduling", "Case Study: Vantage Robotics"]}),
            ("keyword stuffing", {
                "subject": "Time-to-hire interview scheduling time-to-hire",
                "body": "Hi Cormac,\n\nTime-to-hire, time-to-hire, time-to-hire: engineering time-to-hire and interview scheduling. Automated interview scheduling for interview panels, self-book interview panels, interviewer calendars, interview scheduling slots, scheduling panels, scheduling interviews, automated scheduling. TalentLoop automated interview scheduling cuts engineering time-to-hire, hiring time, interview time, scheduling time. Interview scheduling for engineering hiring and engineering interview scheduling.\n\nWould you join a 45-minute working session?\n\nRiley",
                "citations": ["Customer Job", "Pain: Average time-to-hire for engineering roles is", "Product Feature: Automated Interview Scheduling"]}),
            ("irrelevant feature", {
                "subject": "More applicants for Southgate Outfitters",
                "body": "Hi Cormac,\n\nAs Director of Recruiting at Southgate Outfitters you probably want a bigger top of funnel. TalentLoop's Job Board Multiposting posts to more than 30 job boards in one step, and the Candidate Sourcing CRM builds talent pools from past applicants and sourced profiles.\n\nWould your team join a 45-minute working session next week to look at your sourcing channels?\n\nBest regards,\nRiley",
                "citations": ["Customer Job", "Product Feature: Job Board Multiposting", "Product Feature: Candidate Sourcing CRM"]}),
            ("stale fact", {
                "subject": "Southgate Outfitters' in-house hiring tools",
                "body": "Hi Cormac,\n\nI read that Southgate Outfitters planned to build its own in-house tools for this back in 2018. Before your engineers spend more time on that, TalentLoop's Automated Interview Scheduling already finds slots across interviewer calendars and lets candidates self-book panels, which matters with time-to-hire at 50 days.\n\nWould your team join a 45-minute working session next week?\n\nBest regards,\nRiley",
                "citations": ["Customer Job", "Old Record: An old press release (2018)", "Product Feature: Automated Interview Scheduling"]}),
        ],
    },
    "default-v1/test/0003": {
        "good": {
            "subject": "Sizing your next promotion at Emberly Components",
            "body": "Hi Isabela,\n\nYour last two seasonal promotions sold out in 8 days in some regions and still left 15% of stock unsold in others, and promotion volumes are set from last year's numbers plus a margin. Forecastly's Promotion Impact Modeling estimates lift, cannibalisation and the post-promotion dip for each promotion before it runs, using 2 years of your own history. With promotions driving about 22% of annual revenue at Emberly Components, getting the allocation right matters.\n\nCould we set up a 45-minute working session with your merchandising team to model your next promotion together?\n\nThanks,\nMorgan",
            "citations": ["Customer Job", "Pain: The last two seasonal promotions sold", "Product Feature: Promotion Impact Modeling",
                          "Metric: Promotions drive about 22% of annual"],
        },
        "worse": [
            ("competitor rumour", {
                "subject": "Before RELEX undercuts everyone",
                "body": "Hi Isabela,\n\nI hear RELEX is cutting prices by 40% to win accounts like Emberly Components. Before you decide, note that Forecastly's Promotion Impact Modeling estimates lift and the post-promotion dip for each promotion before it runs, which would help after your last two promotions left 15% of stock unsold.\n\nCould we set up a 45-minute working session with your team?\n\nThanks,\nMorgan",
                "citations": ["Customer Job", "Competitor: RELEX", "Product Feature: Promotion Impact Modeling"]}),
            ("generic, not personalised", {
                "subject": "Demand forecasting",
                "body": "Hi there,\n\nForecastly helps companies forecast demand with machine learning and plan inventory with confidence. Our customers love how easy it is to get started, and our team is ready to help you every step of the way.\n\nWould you like to learn more in a working session?\n\nThanks,\nMorgan",
                "citations": ["Product Feature: Machine-Learning Demand Forecasts"]}),
            ("hallucinated number", {
                "subject": "Sizing your next promotion at Emberly Components",
                "body": "Hi Isabela,\n\nYour last two seasonal promotions sold out in 8 days and left 15% of stock unsold in other regions. Forecastly's Promotion Impact Modeling estimates lift and the post-promotion dip before each promotion runs. Our customers see 35% higher promotion ROI and 60% less leftover stock in the first 90 days.\n\nCould we set up a 45-minute working session with your merchandising team?\n\nThanks,\nMorgan",
                "citations": ["Customer Job", "Pain: The last two seasonal promotions sold", "Product Feature: Promotion Impact Modeling"]}),
            ("spam patterns", {
                "subject": "ACT NOW: FIX YOUR PROMOTIONS!!!",
                "body": "Hi Isabela,\n\nYour last two seasonal promotions sold out in 8 days and left 15% of stock unsold!!! Forecastly's Promotion Impact Modeling is the answer. This is a LIMITED TIME OFFER, so act now and click here to book a 45-minute working session before the price goes up!!!\n\nThanks,\nMorgan",
                "citations": ["Customer Job", "Pain: The last two seasonal promotions sold", "Product Feature: Promotion Impact Modeling"]}),
            ("off-topic", {
                "subject": "Congratulations",
                "body": "Hi Isabela,\n\nI saw that your office has been busy lately and wanted to say congratulations on all the recent news. I hope the season is going well for you and the whole group, and that you have some time off planned for the holidays.\n\nWarm wishes,\nMorgan",
                "citations": []}),
        ],
    },
    "default-v1/test/0004": {
        "good": {
            "subject": "A 12-day close at Halcyon Supply Co.",
            "body": "Hi Anders,\n\nMonth-end close at Halcyon Supply Co. takes 12 business days, and with your AP team of 6 keying about 1,500 invoices a month into NetSuite, AP is the last team to finish. Ledgerline's Invoice Capture reads PDF and emailed invoices and routes only the exceptions to a reviewer, and Three-Way Matching flags only the mismatches against POs and receipts. Harborline Distribution used it to cut its close from 12 to 6 business days in two quarters.\n\nWho evaluates finance systems on your side? An introduction to the technical evaluator would help us check the NetSuite integration.\n\nBest,\nCasey",
            "citations": ["Customer Job", "Pain: Month-end close takes 12 business days", "Product Feature: Invoice Capture",
                          "Case Study: Harborline Distribution", "Pain: The AP team of 6 keys"],
        },
        "worse": [
            ("forbidden claim", {
                "subject": "Half the AP cost at Halcyon Supply Co., guaranteed",
                "body": "Hi Anders,\n\nMonth-end close at Halcyon Supply Co. takes 12 business days. Ledgerline will cut your costs in half, guaranteed: Invoice Capture reads PDF and emailed invoices and routes only the exceptions to a reviewer.\n\nWho evaluates finance systems on your side? An introduction to the technical evaluator would help.\n\nBest,\nCasey",
                "citations": ["Customer Job", "Pain: Month-end close takes 12 business days", "Product Feature: Invoice Capture", "Claim: Ledgerline will cut your costs"]}),
            ("citation dump", {
                "subject": "A 12-day close at Halcyon Supply Co.",
                "body": "Hi Anders,\n\nMonth-end close at Halcyon Supply Co. takes 12 business days, and with your AP team of 6 keying about 1,500 invoices a month into NetSuite, AP is the last team to finish. Ledgerline's Invoice Capture reads PDF and emailed invoices and routes only the exceptions to a reviewer, and Three-Way Matching flags only the mismatches against POs and receipts. Harborline Distribution used it to cut its close from 12 to 6 business days in two quarters.\n\nWho evaluates finance systems on your side? An introduction to the technical evaluator would help us check the NetSuite integration.\n\nBest,\nCasey",
                "citations": "ALL"}),
            ("wrong prospect", {
                "subject": "A faster close at Windmere Market",
                "body": "Hi Nikhil,\n\nWith your AP team keying about 1,600 invoices a month by hand at Windmere Market, month-end close drags. Ledgerline's Invoice Capture reads PDF and emailed invoices and routes only the exceptions to a reviewer.\n\nWho evaluates finance systems on your side? An introduction to the technical evaluator would help.\n\nBest,\nCasey",
                "citations": ["Peer Account: Windmere Market", "Product Feature: Invoice Capture"]}),
            ("wrong company", {
                "subject": "A 12-day close",
                "body": "Hi Anders,\n\nMonth-end close at Windmere Market takes 12 business days, and AP is the last team to finish. Ledgerline's Invoice Capture reads PDF and emailed invoices and routes only the exceptions to a reviewer, and Three-Way Matching flags only the mismatches.\n\nWho evaluates finance systems on your side? An introduction to the technical evaluator would help.\n\nBest,\nCasey",
                "citations": ["Customer Job", "Pain: Month-end close takes 12 business days", "Product Feature: Invoice Capture"]}),
            ("paste everything", {
                "subject": "Everything about Halcyon Supply Co. and Ledgerline",
                "body": "ALL_CONTENT",
                "citations": "ALL"}),
        ],
    },
    "default-v1/test/0006": {
        "good": {
            "subject": "33 admin roles at Highland Clinics",
            "body": "Hi Zoltan,\n\nYour internal review found 33 roles with administrator access, most unused in 90 days, and access keys older than a year are still active in 37 AWS accounts. Sentinel Cloud's Identity Risk Analysis finds over-privileged roles and unused keys and proposes least-privilege policies from observed usage, so the cleanup rests on evidence. Orbital Games removed 73% of unused admin permissions in one month with it.\n\nWould you agree to a 30-day pilot with one cloud team at Highland Clinics, so we can measure the reduction on your own accounts?\n\nRegards,\nAvery",
            "citations": ["Customer Job", "Pain: An internal review found 33 roles", "Product Feature: Identity Risk Analysis",
                          "Case Study: Orbital Games", "Pain: Access keys older than a year"],
        },
        "worse": [
            ("no CTA", {
                "subject": "33 admin roles at Highland Clinics",
                "body": "Hi Zoltan,\n\nYour internal review found 33 roles with administrator access, most unused in 90 days. Sentinel Cloud's Identity Risk Analysis finds over-privileged roles and unused keys and proposes least-privilege policies from observed usage. Orbital Games removed 73% of unused admin permissions in one month with it.\n\nSentinel Cloud is built for teams like yours at Highland Clinics.\n\nRegards,\nAvery",
                "citations": ["Customer Job", "Pain: An internal review found 33 roles", "Product Feature: Identity Risk Analysis", "Case Study: Orbital Games"]}),
            ("competitor trap", {
                "subject": "Faster than Orca Security",
                "body": "Hi Zoltan,\n\nOrca Security claims its product is twice as fast as Sentinel Cloud, which is not verified. Your review found 33 roles with administrator access at Highland Clinics, and Sentinel Cloud's Identity Risk Analysis finds over-privileged roles and unused keys.\n\nWould you agree to a 30-day pilot with one cloud team?\n\nRegards,\nAvery",
                "citations": ["Customer Job", "Competitor: Orca Security", "Product Feature: Identity Risk Analysis"]}),
            ("shouting spam", {
                "subject": "URGENT: YOUR CLOUD IS AT RISK",
                "body": "Hi Zoltan,\n\nURGENT!!! Highland Clinics has 33 roles with administrator access and ATTACKERS LOVE THAT. Sentinel Cloud's Identity Risk Analysis finds over-privileged roles. Don't miss this: act now and agree to a 30-day pilot today!!!\n\nAvery",
                "citations": ["Customer Job", "Pain: An internal review found 33 roles", "Product Feature: Identity Risk Analysis"]}),
            ("irrelevant features", {
                "subject": "Kubernetes and misconfigurations at Highland Clinics",
                "body": "Hi Zoltan,\n\nAs Director of Cloud Infrastructure at Highland Clinics you likely run Kubernetes. Sentinel Cloud's Kubernetes Posture checks clusters against CIS benchmarks, and Misconfiguration Scanning checks every cloud account against 1,400 built-in controls.\n\nWould you agree to a 30-day pilot with one cloud team?\n\nRegards,\nAvery",
                "citations": ["Customer Job", "Product Feature: Kubernetes Posture", "Product Feature: Misconfiguration Scanning"]}),
            ("hallucinated number", {
                "subject": "33 admin roles at Highland Clinics",
                "body": "Hi Zoltan,\n\nYour internal review found 33 roles with administrator access. Sentinel Cloud's Identity Risk Analysis finds over-privileged roles and unused keys, and our customers remove 95% of risky permissions in 10 days while cutting breach costs by $4M.\n\nWould you agree to a 30-day pilot with one cloud team at Highland Clinics?\n\nRegards,\nAvery",
                "citations": ["Customer Job", "Pain: An internal review found 33 roles", "Product Feature: Identity Risk Analysis"]}),
        ],
    },
    "default-v1/test/0008": {
        "good": {
            "subject": "22-day contract turnaround at Brambleton Suites",
            "body": "Hi Soren,\n\nContract turnaround at Brambleton Suites averages 22 days from request to signature, and sales leaders say 25 deals slipped last quarter while waiting on legal review. ClauseKit's Clause Library and Templates keeps approved clauses and fallback positions in one place, so sales can generate standard agreements without pulling in your 9 lawyers. Brightwater Analytics cut turnaround from 19 days to 6 with it.\n\nWould you and your legal team join a 45-minute working session to map which of your 140 monthly contracts could move to templates?\n\nBest,\nQuinn",
            "citations": ["Customer Job", "Pain: Average contract turnaround is 22 days", "Product Feature: Clause Library and Templates",
                          "Case Study: Brightwater Analytics", "Metric: Legal handles about 140 contracts a"],
        },
        "worse": [
            ("forbidden claim", {
                "subject": "Certified contract software for Brambleton Suites",
                "body": "Hi Soren,\n\nContract turnaround at Brambleton Suites averages 22 days. ClauseKit is certified by every major regulator, and its Clause Library and Templates lets sales generate standard agreements without legal.\n\nWould your legal team join a 45-minute working session?\n\nBest,\nQuinn",
                "citations": ["Customer Job", "Claim: ClauseKit is certified by every", "Product Feature: Clause Library and Templates"]}),
            ("placeholder text", {
                "subject": "Contracts at {{company}}",
                "body": "Hi {{first_name}},\n\nContract turnaround at {{company}} averages 22 days. ClauseKit's Clause Library and Templates keeps approved clauses in one place, so sales can generate standard agreements without legal. Brightwater Analytics cut turnaround from 19 days to 6.\n\nWould your team join a 45-minute working session?\n\nBest,\nQuinn",
                "citations": ["Customer Job", "Product Feature: Clause Library and Templates", "Case Study: Brightwater Analytics"]}),
            ("wrong prospect", {
                "subject": "Contracts at Marigold Inns",
                "body": "Hi Paloma,\n\nSales leaders at Marigold Inns say 17 deals slipped last quarter while waiting on legal review. ClauseKit's Clause Library and Templates keeps approved clauses in one place, so sales can generate standard agreements without legal.\n\nWould your team join a 45-minute working session?\n\nBest,\nQuinn",
                "citations": ["Peer Account: Marigold Inns", "Product Feature: Clause Library and Templates"]}),
            ("keyword stuffing", {
                "subject": "Contract turnaround contract templates contract clauses",
                "body": "Hi Soren,\n\nContract turnaround, contract templates, contract clauses, contract library: ClauseKit clause library and templates for contract turnaround. Approved clauses, fallback clauses, clause templates, standard agreement templates, standard contracts, contract turnaround days, contract review, contract legal review, contract deals. Clause library templates for contract turnaround and contract templates.\n\nWould you join a 45-minute working session?\n\nQuinn",
                "citations": ["Customer Job", "Pain: Average contract turnaround is 22 days", "Product Feature: Clause Library and Templates"]}),
            ("hallucinated number", {
                "subject": "22-day contract turnaround at Brambleton Suites",
                "body": "Hi Soren,\n\nContract turnaround at Brambleton Suites averages 22 days from request to signature. ClauseKit's Clause Library and Templates lets sales generate standard agreements without legal, and customers cut turnaround by 85% and save $1.2M in outside counsel fees in year one.\n\nWould you and your legal team join a 45-minute working session?\n\nBest,\nQuinn",
                "citations": ["Customer Job", "Pain: Average contract turnaround is 22 days", "Product Feature: Clause Library and Templates"]}),
        ],
    },
    "default-v1/test/0010": {
        "good": {
            "subject": "115 pages a week at Tidewater Fiber",
            "body": "Hi Wanjiru,\n\nYour on-call rotation at Tidewater Fiber takes about 115 pages a week, many outside working hours, and 42% of them are closed without action. Two senior SREs have already cited on-call load when they left. Beacon's On-Call Scheduling and Escalation manages rotations, overrides and escalation policies and balances pages across the rotation, so the load stops landing on the same few people.\n\nWould a 30-day pilot with one team make sense, so you can compare page volume before and after?\n\nCheers,\nDrew",
            "citations": ["Customer Job", "Pain: The on-call rotation receives about 115", "Product Feature: On-Call Scheduling and Escalation",
                          "Metric: 42% of pages are closed without"],
        },
        "worse": [
            ("forbidden claim", {
                "subject": "Risk-free on-call relief for Tidewater Fiber",
                "body": "Hi Wanjiru,\n\nYour on-call rotation takes about 115 pages a week. Beacon is risk-free: customers cannot lose money. Its On-Call Scheduling and Escalation balances pages across the rotation.\n\nWould a 30-day pilot with one team make sense?\n\nCheers,\nDrew",
                "citations": ["Customer Job", "Claim: Beacon is risk-free: customers cannot", "Product Feature: On-Call Scheduling and Escalation"]}),
            ("competitor mention", {
                "subject": "Beacon vs Datadog for Tidewater Fiber",
                "body": "Hi Wanjiru,\n\nDatadog claims its product is twice as fast as Beacon, but your on-call rotation at Tidewater Fiber takes about 115 pages a week and speed is not the issue. Beacon's On-Call Scheduling and Escalation balances pages across the rotation.\n\nWould a 30-day pilot with one team make sense?\n\nCheers,\nDrew",
                "citations": ["Customer Job", "Competitor: Datadog", "Product Feature: On-Call Scheduling and Escalation"]}),
            ("generic, not personalised", {
                "subject": "Observability",
                "body": "Hello,\n\nBeacon puts logs, metrics, traces and on-call in one place so engineers find and fix incidents faster. Many engineering organisations use it to improve reliability and reduce costs.\n\nWould a pilot make sense for you?\n\nCheers,\nDrew",
                "citations": ["Product Feature: Unified Logs, Metrics and Traces"]}),
            ("too long", {
                "subject": "Thoughts on on-call, incidents, observability, reliability and engineering culture at Tidewater Fiber",
                "body": "Hi Wanjiru,\n\nI have been thinking a lot about on-call lately, and about how engineering organisations like Tidewater Fiber handle reliability, incidents and the human side of running production systems, and I wanted to share some of those thoughts with you in some detail, because I think they may be useful to you whether or not we end up working together.\n\nFrom what I understand, your on-call rotation takes about 115 pages a week, many of them outside working hours, and 42% are closed without action. Two senior SREs have left this year and cited on-call load. That is a very common pattern. Alerting grows over time, thresholds are set once and never revisited, ownership of services shifts, and before long a handful of senior engineers end up carrying most of the load, day and night, week after week, until something gives.\n\nBeacon is an observability and incident management platform. It offers Unified Logs, Metrics and Traces, Anomaly Detection, On-Call Scheduling and Escalation, Incident Timelines and Postmortems, SLO Tracking and Telemetry Cost Controls. On-Call Scheduling and Escalation manages rotations, overrides and escalation policies and balances pages across the rotation. Incident Timelines and Postmortems records every alert and drafts postmortems. SLO Tracking alerts on error-budget burn. Anomaly Detection learns normal behaviour. Telemetry Cost Controls manages log volume. Unified Logs, Metrics and Traces correlates everything on one timeline.\n\nWe work with engineering teams of all sizes and in all industries, from telecommunications to payments, and we would love to help Tidewater Fiber as well, whether your priority is reliability, cost, burnout, tooling or something else entirely that we have not discussed here.\n\nWould a 30-day pilot with one team make sense, or perhaps a call first, or a demo, or a workshop, whatever works best for you and your team?\n\nCheers,\nDrew",
                "citations": ["Customer Job", "Pain: The on-call rotation receives about 115", "Product Feature: On-Call Scheduling and Escalation"]}),
            ("citations not grounded", {
                "subject": "115 pages a week at Tidewater Fiber",
                "body": "Hi Wanjiru,\n\nYour on-call rotation at Tidewater Fiber takes about 115 pages a week, many outside working hours. Beacon's On-Call Scheduling and Escalation balances pages across the rotation, so the load stops landing on the same few people.\n\nWould a 30-day pilot with one team make sense?\n\nCheers,\nDrew",
                "citations": ["node_17", "pagerduty-config", "Beacon website"]}),
        ],
    },
    "default-v1/test/0012": {
        "good": {
            "subject": "32 rented vans each peak at Prairie Fabrication",
            "body": "Hi Lars,\n\nVolume at Prairie Fabrication jumps 80% from November to January, and the fleet rents 32 extra vans each peak, which cost $380K last season. Routewise's Dynamic Route Optimization re-plans routes every few minutes around traffic, new orders and delivery windows, so the vans you own carry more of the peak before you rent more.\n\nCould I show you a 30-minute demo next Thursday using one of last season's peak weeks?\n\nBest,\nSkyler",
            "citations": ["Customer Job", "Pain: Volume jumps 80% from November to", "Product Feature: Dynamic Route Optimization",
                          "Metric: Peak rentals cost $380K last season"],
        },
        "worse": [
            ("hallucinated number", {
                "subject": "32 rented vans each peak at Prairie Fabrication",
                "body": "Hi Lars,\n\nVolume at Prairie Fabrication jumps 80% from November to January. Routewise's Dynamic Route Optimization re-plans routes every few minutes, and customers avoid 90% of peak rentals and save $2M a season on average.\n\nCould I show you a 30-minute demo next Thursday?\n\nBest,\nSkyler",
                "citations": ["Customer Job", "Pain: Volume jumps 80% from November to", "Product Feature: Dynamic Route Optimization"]}),
            ("wrong prospect", {
                "subject": "Peak season at Ironbridge Manufacturing",
                "body": "Hi Alejandro,\n\nVans at Ironbridge Manufacturing leave the depot about 64% full. Routewise's Dynamic Route Optimization re-plans routes every few minutes around traffic and new orders.\n\nCould I show you a 30-minute demo next Thursday?\n\nBest,\nSkyler",
                "citations": ["Peer Account: Ironbridge Manufacturing", "Product Feature: Dynamic Route Optimization"]}),
            ("competitor rumour", {
                "subject": "Before you take Routific's discount",
                "body": "Hi Lars,\n\nI hear Routific is cutting prices by 40% to win accounts like Prairie Fabrication. Before you sign, look at Routewise's Dynamic Route Optimization, which re-plans routes every few minutes, given your fleet rents 32 extra vans each peak.\n\nCould I show you a 30-minute demo next Thursday?\n\nBest,\nSkyler",
                "citations": ["Customer Job", "Competitor: Routific", "Product Feature: Dynamic Route Optimization"]}),
            ("no CTA", {
                "subject": "32 rented vans each peak at Prairie Fabrication",
                "body": "Hi Lars,\n\nVolume at Prairie Fabrication jumps 80% from November to January, and the fleet rents 32 extra vans each peak, which cost $380K last season. Routewise's Dynamic Route Optimization re-plans routes every few minutes around traffic, new orders and delivery windows.\n\nRoutewise has helped many fleets through peak season.\n\nBest,\nSkyler",
                "citations": ["Customer Job", "Pain: Volume jumps 80% from November to", "Product Feature: Dynamic Route Optimization", "Metric: Peak rentals cost $380K last season"]}),
            ("empty", {"subject": "Hello", "body": "", "citations": []}),
        ],
    },
    "default-v1/test/0017": {
        "good": {
            "subject": "Spanish, German and Portuguese tickets at Skyline Insurance",
            "body": "Hi Sofia,\n\nInternational customers now make up 42% of tickets at Skyline Insurance, mostly in Spanish, German and Portuguese, and those tickets wait 3x longer because they queue for a small pool of bilingual agents. Helix Support's Real-Time Translation translates customer messages and agent replies in 40 languages inside the ticket, so one team can cover every market. Tandem Bank supports six languages with one team this way.\n\nWould you try a 30-day pilot with one support team to see the effect on wait times?\n\nBest regards,\nHarper",
            "citations": ["Customer Job", "Pain: International customers now make up 42%", "Product Feature: Real-Time Translation",
                          "Case Study: Tandem Bank", "Pain: Non-English tickets wait 3x longer because"],
        },
        "worse": [
            ("forbidden claim", {
                "subject": "300% ROI for Skyline Insurance support",
                "body": "Hi Sofia,\n\nInternational customers now make up 42% of tickets at Skyline Insurance. Helix Support guarantees a 300% ROI within 90 days, and its Real-Time Translation covers 40 languages inside the ticket.\n\nWould you try a 30-day pilot with one support team?\n\nBest regards,\nHarper",
                "citations": ["Customer Job", "Claim: Helix Support guarantees a 300%", "Product Feature: Real-Time Translation"]}),
            ("placeholder text", {
                "subject": "Multilingual support at <COMPANY>",
                "body": "Hi Sofia,\n\nInternational customers now make up 42% of tickets at <COMPANY>. Helix Support's Real-Time Translation translates customer messages and agent replies in 40 languages inside the ticket, so one team can cover every market.\n\nWould you try a 30-day pilot with one support team? I can send details on XXX.\n\nBest regards,\n[Your Name]",
                "citations": ["Customer Job", "Product Feature: Real-Time Translation"]}),
            ("irrelevant features", {
                "subject": "Faster replies at Skyline Insurance",
                "body": "Hi Sofia,\n\nAs VP Customer Support at Skyline Insurance you care about response times. Helix Support's AI Reply Drafts draft replies from your help center, and the Omnichannel Inbox brings email, chat and WhatsApp into one queue.\n\nWould you try a 30-day pilot with one support team?\n\nBest regards,\nHarper",
                "citations": ["Customer Job", "Product Feature: AI Reply Drafts", "Product Feature: Omnichannel Inbox"]}),
            ("hallucinated number", {
                "subject": "Spanish, German and Portuguese tickets at Skyline Insurance",
                "body": "Hi Sofia,\n\nInternational customers now make up 42% of tickets at Skyline Insurance. With Helix Support's Real-Time Translation you could avoid hiring 12 bilingual agents and save $900K a year, with CSAT up 18 points.\n\nWould you try a 30-day pilot with one support team?\n\nBest regards,\nHarper",
                "citations": ["Customer Job", "Pain: International customers now make up 42%", "Product Feature: Real-Time Translation"]}),
            ("wrong prospect", {
                "subject": "Non-English tickets at Pinehurst Underwriters",
                "body": "Hi Dmitri,\n\nNon-English tickets at Pinehurst Underwriters wait 2x longer because they go to a small pool of bilingual agents. Helix Support's Real-Time Translation translates messages in 40 languages inside the ticket.\n\nWould you try a 30-day pilot with one support team?\n\nBest regards,\nHarper",
                "citations": ["Peer Account: Pinehurst Underwriters", "Product Feature: Real-Time Translation"]}),
        ],
    },
    "default-v1/test/0030": {
        "good": {
            "subject": "The 69% jump in warehouse spend at Riverbend",
            "body": "Hi Tobias,\n\nWarehouse spend at Riverbend Supply Co. grew 69% in a year, mostly from full-table reloads, and finance has asked your team to cut cloud data costs this fiscal year. Streamline Data's Warehouse Cost Controls merge changes incrementally instead of reloading whole tables, and show compute spend per pipeline, so you can see which jobs drive the $135K monthly bill. Sable Retail cut warehouse compute spend by 42% this way.\n\nWould you be open to a 30-day pilot on your most expensive pipelines?\n\nThanks,\nRowan",
            "citations": ["Customer Job", "Pain: Warehouse spend grew 69% in a", "Product Feature: Warehouse Cost Controls",
                          "Case Study: Sable Retail", "Metric: Monthly warehouse bill: about $135K"],
        },
        "worse": [
            ("forbidden claim", {
                "subject": "Half the warehouse bill, guaranteed",
                "body": "Hi Tobias,\n\nWarehouse spend at Riverbend Supply Co. grew 69% in a year. Streamline Data will cut your costs in half, guaranteed, because Warehouse Cost Controls merge changes incrementally instead of full reloads.\n\nWould you be open to a 30-day pilot?\n\nThanks,\nRowan",
                "citations": ["Customer Job", "Claim: Streamline Data will cut your", "Product Feature: Warehouse Cost Controls"]}),
            ("competitor mention", {
                "subject": "Faster than Fivetran",
                "body": "Hi Tobias,\n\nFivetran claims its product is twice as fast as Streamline Data, which is not verified. What matters at Riverbend Supply Co. is that warehouse spend grew 69% in a year, and Warehouse Cost Controls merge changes incrementally.\n\nWould you be open to a 30-day pilot?\n\nThanks,\nRowan",
                "citations": ["Customer Job", "Competitor: Fivetran", "Product Feature: Warehouse Cost Controls"]}),
            ("wrong prospect", {
                "subject": "Cloud data costs at Goldcrest Outfitters",
                "body": "Hi Amara,\n\nFinance at Goldcrest Outfitters has asked the data team to cut cloud data costs this fiscal year. Streamline Data's Warehouse Cost Controls merge changes incrementally instead of full reloads.\n\nWould you be open to a 30-day pilot?\n\nThanks,\nRowan",
                "citations": ["Peer Account: Goldcrest Outfitters", "Product Feature: Warehouse Cost Controls"]}),
            ("citation dump", {
                "subject": "The 69% jump in warehouse spend at Riverbend",
                "body": "Hi Tobias,\n\nWarehouse spend at Riverbend Supply Co. grew 69% in a year, mostly from full-table reloads, and finance has asked your team to cut cloud data costs this fiscal year. Streamline Data's Warehouse Cost Controls merge changes incrementally instead of reloading whole tables, and show compute spend per pipeline, so you can see which jobs drive the $135K monthly bill. Sable Retail cut warehouse compute spend by 42% this way.\n\nWould you be open to a 30-day pilot on your most expensive pipelines?\n\nThanks,\nRowan",
                "citations": "ALL"}),
            ("stale fact", {
                "subject": "Congratulations on the new role, Tobias",
                "body": "Hi Tobias,\n\nI saw in a 2020 directory that a former VP Data Engineering ran the department at Riverbend Supply Co. before a reorganisation, so congratulations on stepping in. Streamline Data's Warehouse Cost Controls merge changes incrementally instead of full reloads.\n\nWould you be open to a 30-day pilot?\n\nThanks,\nRowan",
                "citations": ["Customer Job", "Old Record: A 2020 directory listed a", "Product Feature: Warehouse Cost Controls"]}),
        ],
    },
}
