"""Prospect-side vocabulary for the v2 generator: industries, the industry x product compatibility table,
job titles per (industry, buyer function), names, triggers, sources and research-note templates."""

from __future__ import annotations

from codreamer_env.scenario_gen import vocab_people as VP

# First names are v1's (the judge's entity lexicon knows them); last names and company words are new, so no
# v2 person or company can equal a v1 one.
FIRST_NAMES = VP.FIRST_NAMES
LAST_NAMES = """Abernathy Acosta Adebayo Agarwal Ahlberg Akinola Alcott Almeida Aranda Arnesen Ashdown Aucoin Ayodele
Balogun Barrington Bertelsen Bhatt Blackwood Bortolotti Brandt Cabral Calloway Carvalho Castaneda Cavanagh Chowdhury
Cisneros Conteh Cordeiro Crowther Dahl Danso Desai Dominguez Drummond Duarte Egan Ekström Emmerich Escobar Falk Fennimore
Figueroa Forsberg Fraser Galvez Gillespie Goldstein Greaves Gunawardena Gutierrez Hakimi Hallberg Haugen Hendricks Hollis
Hoshino Hussain Idowu Ingram Ishikawa Jaramillo Jha Kalinowski Karlsson Kearney Kimura Koval Laine Larraín Lavigne Lindahl
Lucero Lundgren Macedo Mahoney Maldonado Marsh Matsuda Medina Mensah Mirza Molina Montoya Moran Nakashima Naidoo Nilsen
Nordin Novotny Nyberg Oduya Okonkwo Oliveira Ortiz Ostrowski Padilla Pedersen Pinto Quaresma Rasmussen Reinholt Rocha
Romero Ruiz Sakamoto Santos Sauer Segal Sepúlveda Shah Sinclair Solberg Soto Strand Sundberg Tavares Thakur Toledo Uchenna
Valdez Varga Vieira Villalobos Wallin Whitaker Winther Wojcik Yoshida Zamora Zeller Zubiri""".split()
COMPANY_WORDS = """Alcove Amberfield Anvil Arden Ashcombe Aurelian Bastion Bellweather Birchfield Blackthorn Bramblewood
Briarcliff Calder Castellan Cinderford Cloudberry Copperhill Corrib Cottonwood Dunmore Eastwater Elderberry Emberton
Fallow Farrow Fenwick Flintridge Galloway Garnet Glassmere Greywater Hallam Harrowgate Hazelmere Heron Holloway Inglenook
Ironbark Jasper Kestrel Kinross Lanternfield Larchwood Ledbury Lowmoor Mallory Marlstone Meridian Millrace Mossbank
Northcote Oakenshaw Osprey Paddock Pemberly Quarrington Quillfeather Ravensworth Redcliff Rowan Saltash Sedgefield
Silverthorn Sorrel Stanway Stillwater Tamarind Thistledown Thornbury Tidemark Tolland Umber Vantage Verity Wexcombe
Whinmoor Wickham Windrush Wyvern Yardley Zephyr""".split()

# Buyer functions: each product names one (vocab_v2_products); TITLES lists who buys it in each industry.
INDUSTRIES: list[dict] = [
    {"key": "logistics", "name": "freight and logistics", "suffixes": ["Freight", "Logistics", "Haulage", "Cargo"],
     "customers": "shippers", "sites": "depots", "employees": (300, 9000),
     "hq": ["Columbus, Ohio", "Memphis, Tennessee", "Rotterdam", "Dallas, Texas", "Reno, Nevada", "Antwerp"],
     "systems": ["Manhattan WMS", "Oracle Transportation Management", "McLeod TMS", "Blue Yonder WMS", "Kinaxis"],
     "context": ["{company} runs {n_sites:6-60} depots and moves about {loads:2000-40000:500} loads a month.",
                 "{company} serves grocery and home-improvement retailers under tight delivery windows from {n_sites:6-60} depots.",
                 "{company} operates a fleet of about {fleet:80-1500:10} trucks out of {n_sites:6-60} depots."]},
    {"key": "healthcare", "name": "hospital and clinic networks", "suffixes": ["Health", "Medical Group", "Health System", "Care Partners"],
     "customers": "patients", "sites": "hospitals and clinics", "employees": (1500, 30000),
     "hq": ["Minneapolis, Minnesota", "Nashville, Tennessee", "Portland, Oregon", "Leeds", "Raleigh, North Carolina"],
     "systems": ["Kronos", "Pyxis", "Imprivata", "Microsoft 365", "Tableau"],
     "context": ["{company} runs {n_sites:6-60} clinics and {hospitals:2-6} acute-care hospitals.",
                 "{company} treats about {visits:200-2000:10} thousand patient visits a year across {n_sites:6-60} sites.",
                 "{company} employs about {nurses:600-6000:50} nurses across {hospitals:2-6} hospitals."]},
    {"key": "fintech", "name": "payments and fintech", "suffixes": ["Pay", "Payments", "Money", "Fintech"],
     "customers": "merchants", "sites": "regional offices", "employees": (150, 3000),
     "hq": ["London", "New York, New York", "Austin, Texas", "Dublin", "Toronto", "Amsterdam"],
     "systems": ["AWS", "Kubernetes", "Stripe", "Jira", "Okta"],
     "context": ["{company} processes card payments for about {merchants:5000-90000:1000} merchants.",
                 "{company} is licensed as an e-money institution in {licences:2-9} countries.",
                 "{company} moved about ${tpv:2-40} billion in payment volume last year."]},
    {"key": "ecommerce", "name": "online retail", "suffixes": ["Goods", "Outfitters", "Market", "Supply"],
     "customers": "shoppers", "sites": "fulfilment centres", "employees": (200, 5000),
     "hq": ["Denver, Colorado", "Brooklyn, New York", "Amsterdam", "Melbourne", "Seattle, Washington"],
     "systems": ["Shopify Plus", "Klaviyo", "Gorgias", "Google Analytics", "AWS"],
     "context": ["{company} sells direct to consumers online and ships from {n_sites:2-9} fulfilment centres.",
                 "{company} ships about {orders:3000-60000:1000} orders a day at peak.",
                 "{company} earns roughly {q4_share:35-55}% of annual revenue between October and December."]},
    {"key": "manufacturing", "name": "industrial manufacturing", "suffixes": ["Industries", "Components", "Engineering", "Fabrication"],
     "customers": "distributors", "sites": "plants", "employees": (400, 12000),
     "hq": ["Stuttgart", "Grand Rapids, Michigan", "Monterrey", "Cleveland, Ohio", "Greenville, South Carolina"],
     "systems": ["Siemens Opcenter", "PTC Windchill", "Coupa", "Rockwell FactoryTalk", "Microsoft 365"],
     "context": ["{company} runs {n_sites:3-20} plants making precision components for automotive and aerospace.",
                 "{company} ships to about {dealers:200-3000:50} distributors in {countries:5-40} countries.",
                 "{company} makes about {sku_count:2000-30000:500} part numbers across {n_sites:3-20} plants."]},
    {"key": "telecom", "name": "telecommunications", "suffixes": ["Telecom", "Fiber", "Networks", "Communications"],
     "customers": "subscribers", "sites": "service regions", "employees": (600, 15000),
     "hq": ["Kansas City, Missouri", "Manchester", "Boise, Idaho", "Madrid", "Richmond, Virginia"],
     "systems": ["Amdocs", "Netcracker", "Splunk", "Kubernetes", "Genesys Cloud"],
     "context": ["{company} provides fibre broadband to about {subscribers:80000-900000:10000} homes.",
                 "{company} is midway through a {upgrade_years:3-6}-year network upgrade programme.",
                 "{company} serves {subscribers:80000-900000:10000} subscribers across {n_sites:3-14} service regions."]},
    {"key": "utilities", "name": "energy and water utilities", "suffixes": ["Energy", "Power", "Water", "Utilities"],
     "customers": "ratepayers", "sites": "service districts", "employees": (500, 14000),
     "hq": ["Houston, Texas", "Copenhagen", "Sacramento, California", "Glasgow", "Pittsburgh, Pennsylvania"],
     "systems": ["SAP IS-U", "Oracle Utilities CC&B", "Esri ArcGIS", "OSIsoft PI Vision", "Itron"],
     "context": ["{company} serves about {meters:100000-2000000:10000} residential and commercial meters.",
                 "{company} has committed to a {renew_target:40-80}% renewable supply mix by 2032.",
                 "{company} maintains about {km_lines:3000-60000:500} km of lines and mains."]},
    {"key": "insurance", "name": "property and casualty insurance", "suffixes": ["Mutual", "Assurance", "Insurance Group", "Underwriters"],
     "customers": "policyholders", "sites": "claims offices", "employees": (500, 12000),
     "hq": ["Hartford, Connecticut", "Des Moines, Iowa", "Omaha, Nebraska", "Zurich", "Charlotte, North Carolina"],
     "systems": ["Majesco", "Snowflake", "Genesys Cloud", "Microsoft 365", "Tableau"],
     "context": ["{company} writes personal auto and home policies in {states:3-25} states.",
                 "{company} handles about {claims_year:20000-300000:1000} claims a year.",
                 "{company} insures about {policies:100000-2000000:10000} households."]},
    {"key": "saas", "name": "B2B software", "suffixes": ["Software", "Labs", "Cloud", "Systems"],
     "customers": "customers", "sites": "offices", "employees": (150, 4000),
     "hq": ["San Francisco, California", "Boston, Massachusetts", "Berlin", "Tel Aviv", "Toronto"],
     "systems": ["AWS", "Kubernetes", "Jira", "Slack", "Okta"],
     "context": ["{company} sells a vertical software product to about {accounts:400-6000:50} mid-market customers.",
                 "{company} reported annual recurring revenue of about ${arr:20-400}M.",
                 "{company} has engineering hubs in {n_sites:2-6} countries."]},
    {"key": "higher_ed", "name": "higher education", "suffixes": ["University", "College", "Institute"],
     "customers": "students", "sites": "campuses", "employees": (800, 15000),
     "hq": ["Ann Arbor, Michigan", "Edinburgh", "Tempe, Arizona", "Utrecht", "Burlington, Vermont"],
     "systems": ["Canvas", "Microsoft 365", "TouchNet", "Tableau", "Zoom"],
     "context": ["{company} enrols about {students:6000-42000:500} students across {n_sites:2-6} campuses.",
                 "{company} runs {programs:60-300:10} degree programmes.",
                 "{company} is consolidating back-office systems under a {plan_years:4-6}-year strategic plan."]},
    {"key": "hospitality", "name": "hotels and resorts", "suffixes": ["Hotels", "Resorts", "Hospitality", "Inns"],
     "customers": "guests", "sites": "hotels", "employees": (300, 9000),
     "hq": ["Orlando, Florida", "Lisbon", "Scottsdale, Arizona", "Honolulu, Hawaii", "Barcelona"],
     "systems": ["SevenRooms", "Cvent", "Toast", "Microsoft 365", "Tableau"],
     "context": ["{company} operates {n_sites:6-60} hotels, most of them in resort destinations.",
                 "{company} has about {rooms:1500-15000:100} rooms under management.",
                 "{company} sees occupancy swing from {occ_low:40-55}% to {occ_high:85-97}% between seasons."]},
    {"key": "grocery", "name": "grocery retail", "suffixes": ["Markets", "Grocers", "Food Stores", "Fresh"],
     "customers": "shoppers", "sites": "stores", "employees": (1500, 40000),
     "hq": ["Cincinnati, Ohio", "Leeds", "Charlotte, North Carolina", "Utrecht", "Boise, Idaho"],
     "systems": ["Toshiba POS", "Zebra handhelds", "Instacart Connect", "Microsoft 365", "Tableau"],
     "context": ["{company} runs {n_sites:20-300} supermarkets and {dcs:1-5} distribution centres.",
                 "{company} serves about {weekly_shoppers:200-2000:10} thousand shoppers a week.",
                 "{company} carries about {sku_count:15000-40000:500} items per store."]},
    {"key": "food_mfg", "name": "food and beverage manufacturing", "suffixes": ["Foods", "Beverages", "Provisions", "Dairy"],
     "customers": "retail buyers", "sites": "plants", "employees": (300, 8000),
     "hq": ["Sacramento, California", "Atlanta, Georgia", "Lyon", "Milwaukee, Wisconsin", "Auckland"],
     "systems": ["Rockwell FactoryTalk", "TraceGains", "Coupa", "Microsoft 365", "Tableau"],
     "context": ["{company} produces snacks and drinks in {n_sites:2-12} plants for grocery chains.",
                 "{company} sells about {cases:2-40} million cases a year.",
                 "{company} supplies {retailers:40-400:10} retail chains under private and own labels."]},
    {"key": "construction", "name": "commercial construction", "suffixes": ["Builders", "Construction", "Contracting", "Build Group"],
     "customers": "clients", "sites": "job sites", "employees": (300, 8000),
     "hq": ["Phoenix, Arizona", "Birmingham", "Denver, Colorado", "Calgary", "Atlanta, Georgia"],
     "systems": ["Procore", "Autodesk Construction Cloud", "Viewpoint Vista", "Bluebeam", "Microsoft 365"],
     "context": ["{company} has about {projects:20-150} active projects across {n_sites:3-12} regions.",
                 "{company} booked about ${backlog_b:1-9} billion of backlog.",
                 "{company} employs about {craft:500-6000:50} craft workers on its job sites."]},
    {"key": "banking", "name": "regional banking", "suffixes": ["Bank", "Savings", "Credit Union", "Bancorp"],
     "customers": "members", "sites": "branches", "employees": (400, 9000),
     "hq": ["Milwaukee, Wisconsin", "Edinburgh", "Columbus, Ohio", "Sacramento, California", "Halifax"],
     "systems": ["FIS", "Jack Henry", "Q2", "Verint", "Microsoft 365"],
     "context": ["{company} serves about {members:80000-900000:10000} members from {n_sites:10-120} branches.",
                 "{company} holds about ${assets:2-40} billion in assets.",
                 "{company} runs {n_sites:10-120} branches and a growing digital channel."]},
]
INDUSTRY_BY_KEY = {i["key"]: i for i in INDUSTRIES}

# Which products a company in each industry would plausibly buy (product keys of vocab_v2_products).
COMPATIBILITY: dict[str, list[str]] = {
    "logistics": ["ledgerline", "paystream", "routewise", "crewshift", "talentloop", "safetrack", "vantage"],
    "healthcare": ["ledgerline", "paystream", "sentinel", "crewshift", "talentloop", "streamline", "clearclaim", "wattwise",
                   "duesmart"],
    "fintech": ["ledgerline", "paystream", "sentinel", "helix", "clausekit", "beacon", "streamline", "verifid"],
    "ecommerce": ["ledgerline", "paystream", "routewise", "sentinel", "helix", "forecastly", "beacon", "streamline"],
    "manufacturing": ["ledgerline", "paystream", "forecastly", "crewshift", "clausekit", "talentloop", "fieldpoint",
                      "vantage", "quotecraft", "safetrack", "wattwise"],
    "telecom": ["ledgerline", "paystream", "sentinel", "helix", "clausekit", "beacon", "streamline", "fieldpoint",
                "quotecraft", "duesmart"],
    "utilities": ["ledgerline", "paystream", "helix", "fieldpoint", "vantage", "safetrack", "duesmart"],
    "insurance": ["ledgerline", "paystream", "sentinel", "helix", "clausekit", "streamline", "claimflow", "verifid"],
    "saas": ["ledgerline", "paystream", "sentinel", "helix", "clausekit", "beacon", "talentloop", "streamline", "quotecraft",
             "duesmart"],
    "higher_ed": ["ledgerline", "paystream", "helix", "enrollpath", "wattwise"],
    "hospitality": ["ledgerline", "paystream", "helix", "crewshift", "talentloop", "yieldstay", "wattwise"],
    "grocery": ["ledgerline", "paystream", "routewise", "forecastly", "crewshift", "talentloop", "shelfsight", "wattwise"],
    "food_mfg": ["ledgerline", "paystream", "routewise", "forecastly", "crewshift", "vantage", "shelfsight", "safetrack"],
    "construction": ["ledgerline", "paystream", "clausekit", "talentloop", "fieldpoint", "safetrack"],
    "banking": ["ledgerline", "paystream", "sentinel", "helix", "clausekit", "beacon", "streamline", "verifid"],
}

_DEFAULT_TITLES: dict[str, list[str]] = {
    "finance": ["CFO", "VP Finance", "Corporate Controller", "Director of Finance Operations"],
    "ap": ["Controller", "Director of Accounts Payable", "VP Finance", "Head of Procure-to-Pay"],
    "security": ["CISO", "Head of Cloud Security", "Director of Information Security"],
    "support": ["VP Customer Support", "Director of Customer Care", "Head of Customer Experience"],
    "supply": ["VP Supply Chain", "Director of Demand Planning", "Head of Inventory Planning"],
    "legal": ["General Counsel", "Head of Legal Operations", "Deputy General Counsel"],
    "engineering": ["VP Engineering", "Head of Site Reliability", "Director of Platform Engineering", "CTO"],
    "talent": ["VP Talent Acquisition", "Head of Recruiting", "CHRO"],
    "data": ["Chief Data Officer", "Head of Data Platform", "Director of Data Engineering"],
    "ehs": ["VP Environment, Health and Safety", "Director of Safety", "Head of EHS"],
    "revops": ["VP Revenue Operations", "Director of Sales Operations", "Chief Revenue Officer"],
    "collections": ["VP Credit and Collections", "Director of Accounts Receivable", "Head of Billing Operations"],
}
_OVERRIDES: dict[tuple[str, str], list[str]] = {
    ("higher_ed", "finance"): ["Vice President for Finance", "University Controller"],
    ("higher_ed", "ap"): ["University Controller", "Director of Accounts Payable"],
    ("banking", "finance"): ["CFO", "Corporate Controller", "Director of Financial Reporting"],
    ("healthcare", "security"): ["CISO", "Director of IT Security"],
    ("telecom", "support"): ["VP Customer Care", "Director of Subscriber Support"],
    ("insurance", "support"): ["VP Policyholder Services", "Director of Customer Service"],
    ("banking", "support"): ["Head of Member Services", "VP Contact Centre Operations"],
    ("utilities", "support"): ["VP Customer Operations", "Director of Customer Service"],
    ("hospitality", "support"): ["VP Guest Experience", "Director of Guest Services"],
    ("higher_ed", "support"): ["Director of Student Services", "Dean of Student Success"],
    ("fintech", "support"): ["Head of Merchant Support", "VP Customer Operations"],
    ("grocery", "supply"): ["VP Replenishment", "Director of Demand Planning"],
    ("construction", "legal"): ["General Counsel", "Director of Contracts"],
    ("banking", "engineering"): ["Head of Digital Engineering", "CTO"],
    ("telecom", "engineering"): ["VP Digital Platforms", "Head of Site Reliability"],
    ("healthcare", "talent"): ["VP Talent Acquisition", "Director of Clinical Recruitment"],
    ("hospitality", "talent"): ["VP People", "Director of Talent Acquisition"],
    ("construction", "talent"): ["Director of Craft Recruiting", "VP Human Resources"],
    ("construction", "ehs"): ["VP Safety", "Director of Site Safety"],
    ("manufacturing", "revops"): ["VP Commercial Operations", "Director of Sales Operations"],
    ("telecom", "revops"): ["VP Business Sales Operations", "Director of Sales Operations"],
    ("utilities", "collections"): ["Director of Credit and Collections", "VP Customer Billing"],
    ("telecom", "collections"): ["VP Billing and Collections", "Director of Credit Risk"],
    ("healthcare", "collections"): ["Director of Patient Financial Services", "VP Revenue Cycle"],
}
_INDUSTRY_ONLY: dict[tuple[str, str], list[str]] = {
    ("logistics", "fleet"): ["VP Transportation", "Director of Fleet Operations", "Head of Last-Mile Delivery"],
    ("grocery", "fleet"): ["VP Home Delivery", "Director of Grocery Delivery Operations"],
    ("ecommerce", "fleet"): ["Head of Delivery Operations", "VP Fulfilment"],
    ("food_mfg", "fleet"): ["Director of Distribution", "VP Logistics"],
    ("healthcare", "workforce"): ["Chief Nursing Officer", "VP Nursing Operations", "Director of Staffing"],
    ("hospitality", "workforce"): ["VP Hotel Operations", "Director of Workforce Management"],
    ("grocery", "workforce"): ["VP Store Operations", "Director of Workforce Management"],
    ("logistics", "workforce"): ["VP Warehouse Operations", "Director of Labor Planning"],
    ("manufacturing", "workforce"): ["VP Manufacturing Operations", "Plant Director"],
    ("food_mfg", "workforce"): ["VP Plant Operations", "Director of Production Scheduling"],
    ("utilities", "field"): ["VP Field Operations", "Director of Field Services"],
    ("telecom", "field"): ["VP Field Operations", "Director of Installation and Repair"],
    ("manufacturing", "field"): ["VP Aftermarket Service", "Director of Field Service"],
    ("construction", "field"): ["VP Service Operations", "Director of Field Operations"],
    ("manufacturing", "maintenance"): ["Director of Reliability Engineering", "VP Maintenance"],
    ("utilities", "maintenance"): ["Director of Asset Management", "VP Generation Operations"],
    ("food_mfg", "maintenance"): ["Director of Maintenance", "Plant Engineering Manager"],
    ("logistics", "maintenance"): ["Director of Fleet Maintenance", "VP Maintenance"],
    ("insurance", "claims"): ["VP Claims Operations", "Chief Claims Officer", "Director of Claims Intake"],
    ("healthcare", "revcycle"): ["VP Revenue Cycle", "Director of Patient Financial Services"],
    ("fintech", "kyc"): ["Head of Compliance", "Director of Onboarding Operations"],
    ("banking", "kyc"): ["Chief Compliance Officer", "Director of Financial Crime Compliance"],
    ("insurance", "kyc"): ["Chief Compliance Officer", "Director of Financial Crime Compliance"],
    ("grocery", "store"): ["VP Store Operations", "Director of Retail Execution"],
    ("food_mfg", "store"): ["VP Retail Sales", "Director of Field Merchandising"],
    ("hospitality", "revenue_mgmt"): ["VP Revenue Management", "Director of Revenue Strategy", "Chief Commercial Officer"],
    ("higher_ed", "enrollment"): ["Vice Provost for Enrollment", "Director of Admissions", "Dean of Admissions"],
    ("higher_ed", "facilities"): ["Director of Facilities and Energy", "Associate VP Campus Operations"],
    ("hospitality", "facilities"): ["VP Engineering and Facilities", "Director of Sustainability"],
    ("grocery", "facilities"): ["Director of Energy and Facilities", "VP Store Facilities"],
    ("healthcare", "facilities"): ["VP Facilities", "Director of Plant Operations"],
    ("manufacturing", "facilities"): ["Director of Energy Management", "VP Facilities"],
}


def titles_for(industry: str, function: str) -> list[str]:
    """Job titles that fit both the industry and the product's buyer (empty: no plausible buyer)."""
    key = (industry, function)
    if key in _INDUSTRY_ONLY:
        return _INDUSTRY_ONLY[key]
    if key in _OVERRIDES:
        return _OVERRIDES[key]
    return _DEFAULT_TITLES.get(function, [])


# Colleagues who voice pains the prospect did not (hard sets): titles anyone in a company may hold.
COLLEAGUE_TITLES = ["Senior Financial Analyst", "IT Operations Manager", "Head of Procurement", "Regional Operations Manager",
                    "Director of Business Systems", "HR Business Partner", "Program Manager", "Internal Audit Lead"]
PREVIOUS_EMPLOYERS = ["Deloitte", "Accenture", "Amazon", "Procter & Gamble", "McKinsey", "Oracle", "IBM", "PwC", "Siemens",
                      "Unilever", "KPMG", "Maersk", "Kaiser Permanente", "Vodafone", "Nestlé"]
CITIES = ["Phoenix", "Lisbon", "Charlotte", "Krakow", "Austin", "Singapore", "Denver", "Dublin", "Atlanta", "Lyon", "Leeds",
          "Monterrey", "Tampa", "Porto", "Valencia", "Raleigh", "Calgary", "Gdansk", "Nashville", "Utrecht"]
EVENTS = ["an industry conference", "a customer roundtable", "a regional trade show", "a webinar", "a user-group meetup",
          "a leadership summit"]
INVESTORS = ["Harbourview Capital", "Northlight Ventures", "Tessera Growth", "Blue Kestrel Partners", "Oakline Equity",
             "Summit Arch Capital", "Redmere Investors"]
SOURCES_VERIFIED = ["the company's press release", "a filing with the state regulator", "its annual report",
                    "a customer case study published by the vendor", "the company's own engineering blog",
                    "a joint press release"]
SOURCES_RUMOUR = ["an anonymous post on a sales community forum", "a reseller who heard it from a friend at the company",
                  "a comment under a LinkedIn post by someone outside the company", "a recruiter's guess on a call",
                  "an unnamed attendee overheard at a trade show"]
NOTE_SOURCES = ["LinkedIn", "the company website", "a local business journal", "the careers page", "a trade publication",
                "a podcast episode", "a conference agenda", "a press release", "a partner directory", "a news site"]
NOTE_TOPICS = ["efficiency", "customer experience", "sustainability", "data-driven decisions", "employee retention",
               "faster service", "international growth", "cost discipline", "digital transformation", "resilience",
               "visibility", "automation", "quality", "safety", "transparency", "community investment"]
