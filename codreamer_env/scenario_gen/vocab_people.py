"""Prospect-side vocabulary: industries, people, companies, systems, triggers and research notes."""

from __future__ import annotations

# First names avoid English words that start sentences ("Will", "May", "Grant", "Hope", "Mark"), so the
# judge can tell a stray name from a capitalised word.
FIRST_NAMES = """Aaliyah Abdul Adaeze Adriana Ahmed Aiko Alejandro Alina Amara Amir Anders Anika Arjun Astrid
Beatriz Benedikt Bongani Camila Chidi Chioma Cyrus Dalia Damien Dmitri Ebony Eitan Elif Emeka Esther Fatima
Felipe Fiona Folake Gabriela Gideon Giulia Hamza Hannah Hiroshi Ibrahim Ines Ingrid Isabela Jasmine Javier
Jelena Joaquin Jonas Kamala Kaveh Keiko Kenji Kwame Lakshmi Lars Leilani Lena Lorenzo Lucia Magnus Malik
Mariana Mateo Mei Mehmet Mirela Nadia Nikhil Nkechi Noor Oksana Olamide Omar Orla Pablo Priya Quentin Rafael
Rania Ravi Renata Rohan Rosalind Saanvi Salma Santiago Saoirse Sebastian Shira Siddharth Sofia Soren Sunita
Tamar Tariq Thandiwe Theodora Tobias Tomasz Valentina Viktor Wei Xiomara Yara Yusuf Zainab Zara Zoltan
Andrea Bruno Carmen Declan Elena Farida Gustavo Helga Imani Jorge Kalinda Leonie Marcus Nia Oscar Paloma
Rashid Selin Teodor Umar Vesna Wanjiru Yasmin Zeynep Anton Brigid Cormac Delphine Emil Freya Goran Henrike""".split()

LAST_NAMES = """Abara Achterberg Adeyemi Albrecht Alvarez Amundsen Andersson Antonelli Araujo Baptiste Barros Bauer
Becker Bianchi Bjornsson Bondarenko Brennan Castellanos Chakraborty Chen Christensen Costa Dasgupta Delacroix
Demir Dimitrov Donnelly Dubois Eriksen Esposito Fagerlund Farah Ferreira Fitzgerald Fonseca Fujita Gallagher
Garrido Gonzaga Grabowski Greenberg Guerrero Haddad Halvorsen Hamid Hartmann Hashemi Herrera Holloway Ibarra
Ikeda Iyer Jablonski Jansen Jovanovic Kapoor Kaur Kawasaki Keller Kowalczyk Krishnan Lachance Lindqvist Lombardi
Lopes Madsen Mahlangu Malhotra Marchetti Mbeki Mendoza Moreau Mukherjee Nakamura Navarro Nguyen Novak Nwosu
Obradovic Odhiambo Okafor Olsen Ortega Osei Ozturk Pacheco Park Pereira Petrov Quispe Rahman Ramirez Reyes
Rinaldi Rosenthal Saavedra Salazar Sandoval Sato Schreiber Sharma Silva Sorensen Suzuki Takahashi Tanaka
Thorsen Toivonen Trujillo Vasquez Vogel Wagner Watanabe Weiss Yamamoto Yilmaz Zielinski Zimmermann""".split()

COMPANY_PREFIXES = """Abbott Alderwood Amberline Anchorage Applegate Arbor Ashgrove Aspenridge Atlas Auburn Avalon
Bayfront Beacon Bellhaven Birchwood Blackstone Bluefield Bluepeak Boulder Brambleton Brightwater Broadleaf
Brookfield Canyon Cardinal Carrow Cascade Cedarline Clearwater Cobblestone Coldspring Copperfield Coral Crescent
Crestview Crossgate Deepwell Driftwood Eastbrook Elmhurst Emberly Evergreen Fairhaven Falconer Fernhill
Fieldstone Firefly Foxglove Frostline Glenmore Goldcrest Granite Greenleaf Greystone Halcyon Harbor Hawthorne
Heathrow Highland Hollowbrook Ironbridge Ironwood Juniper Keystone Kingsley Lakeshore Larkspur Lighthouse
Linden Lochmere Longview Marigold Meadowbrook Merrimack Millbrook Mistral Moonstone Northbay Northwind Oakmont
Orchard Pacifica Palisade Pebblebrook Pinehurst Prairie Quarrystone Ravenwood Redwood Ridgeline Riverbend
Rockport Rosewood Saltmarsh Sandstone Shoreline Silverleaf Skyline Southgate Springvale Stonebridge Summitview
Sunridge Tidewater Timberline Trailhead Trillium Twinbrook Upland Valleyview Westmere Whitecliff Wildrose
Willowbrook Windmere Wolfcreek Yarrow""".split()

INDUSTRIES: list[dict] = [
    {"key": "logistics", "name": "freight and logistics", "suffixes": ["Freight", "Logistics", "Transport", "Cargo", "Haulage"],
     "systems": ["Manhattan WMS", "Oracle Transportation Management", "Samsara", "SAP S/4HANA", "McLeod TMS"],
     "context": ["Operates {sites} cross-dock facilities along the I-80 corridor.",
                 "Serves grocery and home-improvement retailers under strict delivery windows."],
     "hq": ["Columbus, Ohio", "Memphis, Tennessee", "Rotterdam", "Dallas, Texas", "Reno, Nevada"]},
    {"key": "healthcare", "name": "hospital and clinic networks", "suffixes": ["Health", "Medical Group", "Care Partners", "Health System", "Clinics"],
     "systems": ["Epic", "Workday", "Kronos", "ServiceNow", "Cerner"],
     "context": ["Runs {sites} clinics and two acute-care hospitals.",
                 "Must keep patient data within HIPAA-compliant systems."],
     "hq": ["Minneapolis, Minnesota", "Nashville, Tennessee", "Portland, Oregon", "Leeds", "Raleigh, North Carolina"]},
    {"key": "fintech", "name": "payments and fintech", "suffixes": ["Pay", "Capital", "Financial", "Ledger", "Payments"],
     "systems": ["AWS", "Snowflake", "Kubernetes", "Salesforce", "Stripe"],
     "context": ["Processes card payments for about {merchants:,} small merchants.",
                 "Regulated as an e-money institution and audited every year."],
     "hq": ["London", "New York, New York", "Austin, Texas", "Dublin", "Toronto"]},
    {"key": "ecommerce", "name": "e-commerce retail", "suffixes": ["Outfitters", "Goods", "Supply Co.", "Market", "Home"],
     "systems": ["Shopify Plus", "NetSuite", "Klaviyo", "Zendesk", "Snowflake"],
     "context": ["Sells direct to consumers online and through {sites} flagship stores.",
                 "Roughly half of annual revenue lands between October and December."],
     "hq": ["Denver, Colorado", "Brooklyn, New York", "Amsterdam", "Melbourne", "Seattle, Washington"]},
    {"key": "manufacturing", "name": "industrial manufacturing", "suffixes": ["Industries", "Manufacturing", "Components", "Fabrication", "Engineering"],
     "systems": ["SAP S/4HANA", "Siemens Opcenter", "Microsoft Dynamics 365", "Coupa", "Oracle NetSuite"],
     "context": ["Runs {sites} plants producing precision components for automotive and aerospace.",
                 "Most revenue comes from long-term supply agreements with OEMs."],
     "hq": ["Stuttgart", "Grand Rapids, Michigan", "Monterrey", "Cleveland, Ohio", "Greenville, South Carolina"]},
    {"key": "saas", "name": "B2B software", "suffixes": ["Software", "Labs", "Systems", "Cloud", "Technologies"],
     "systems": ["AWS", "Salesforce", "HubSpot", "Kubernetes", "Datadog"],
     "context": ["Sells a vertical SaaS product to about {customers:,} mid-market customers.",
                 "Closed a Series C round last year and is expanding into Europe."],
     "hq": ["San Francisco, California", "Boston, Massachusetts", "Berlin", "Tel Aviv", "Toronto"]},
    {"key": "insurance", "name": "insurance", "suffixes": ["Insurance", "Mutual", "Assurance", "Underwriters", "Risk"],
     "systems": ["Guidewire", "Salesforce", "Duck Creek", "Microsoft Dynamics 365", "Snowflake"],
     "context": ["Writes personal auto and home policies in {states} states.",
                 "Claims volume spikes after storm season every autumn."],
     "hq": ["Hartford, Connecticut", "Des Moines, Iowa", "Omaha, Nebraska", "Zurich", "Charlotte, North Carolina"]},
    {"key": "education", "name": "higher education", "suffixes": ["University", "College", "Institute", "Academy", "Polytechnic"],
     "systems": ["Workday Student", "Canvas", "Ellucian Banner", "Salesforce Education Cloud", "Microsoft 365"],
     "context": ["Enrols about {students:,} students across {sites} campuses.",
                 "Is consolidating back-office systems under a new five-year strategic plan."],
     "hq": ["Ann Arbor, Michigan", "Edinburgh", "Tempe, Arizona", "Utrecht", "Burlington, Vermont"]},
    {"key": "hospitality", "name": "hotels and hospitality", "suffixes": ["Hotels", "Resorts", "Hospitality", "Inns", "Suites"],
     "systems": ["Oracle OPERA", "Workday", "UKG", "SevenRooms", "Shopify POS"],
     "context": ["Operates {sites} hotels, most of them in resort destinations.",
                 "Staffing swings sharply between high and low season."],
     "hq": ["Orlando, Florida", "Lisbon", "Scottsdale, Arizona", "Honolulu, Hawaii", "Barcelona"]},
    {"key": "telecom", "name": "telecommunications", "suffixes": ["Telecom", "Networks", "Communications", "Fiber", "Wireless"],
     "systems": ["Amdocs", "ServiceNow", "Salesforce", "Splunk", "Kubernetes"],
     "context": ["Provides fibre broadband to about {subscribers:,} homes in {states} states.",
                 "Is midway through a multi-year network upgrade programme."],
     "hq": ["Kansas City, Missouri", "Manchester", "Boise, Idaho", "Madrid", "Richmond, Virginia"]},
    {"key": "energy", "name": "energy and utilities", "suffixes": ["Energy", "Power", "Utilities", "Renewables", "Grid"],
     "systems": ["SAP IS-U", "Oracle Utilities", "OSIsoft PI", "Maximo", "Microsoft Dynamics 365"],
     "context": ["Serves about {subscribers:,} residential and commercial customers.",
                 "Has committed to doubling renewable generation by 2030."],
     "hq": ["Houston, Texas", "Copenhagen", "Sacramento, California", "Glasgow", "Pittsburgh, Pennsylvania"]},
    {"key": "food", "name": "food and beverage distribution", "suffixes": ["Foods", "Provisions", "Beverage Co.", "Fresh", "Distributors"],
     "systems": ["SAP Business One", "Oracle NetSuite", "Descartes", "Blue Yonder", "Sage Intacct"],
     "context": ["Distributes to about {accounts_n:,} restaurants and grocers from {sites} warehouses.",
                 "Margins are thin, so waste and spoilage are watched closely."],
     "hq": ["Sacramento, California", "Atlanta, Georgia", "Lyon", "Milwaukee, Wisconsin", "Auckland"]},
]

SENIORITY_BACKGROUND = [
    "Joined {company} {tenure} years ago from {prev}, after leading a similar transformation there.",
    "Promoted to the role {tenure} years ago after running the team's biggest systems rollout.",
    "Previously spent eight years at {prev} and speaks regularly at industry events.",
    "Came to {company} {tenure} years ago from {prev} with a mandate to modernise operations.",
]
PREVIOUS_EMPLOYERS = ["Deloitte", "Accenture", "Amazon", "Procter & Gamble", "McKinsey", "Oracle", "IBM", "PwC", "Siemens", "Unilever"]

TRIGGERS = [
    "announced a {amount}M funding round led by growth investors {when}.",
    "opened a new regional site in {city} {when}.",
    "acquired a smaller competitor {when} and is integrating its systems.",
    "posted {openings} open roles on its careers page {when}, mostly in operations.",
    "reported {growth}% year-over-year revenue growth in its {when} update.",
    "hired a new Chief Operating Officer {when}.",
]
WHEN = ["last month", "this quarter", "in March", "in September", "two months ago", "earlier this year"]
CITIES = ["Phoenix", "Lisbon", "Charlotte", "Krakow", "Austin", "Singapore", "Denver", "Dublin", "Atlanta", "Lyon"]

LINKEDIN = [
    "Posted on LinkedIn {when} that '{topic}' is the team's top priority for the year.",
    "Commented on a LinkedIn post {when} about the cost of manual work in {area}.",
    "Spoke on a panel {when} about scaling {area} without adding headcount.",
]

FILLERS = [
    ("Industry Note", "Analysts expect {industry} software budgets to grow about {n}% next year, led by automation."),
    ("Industry Note", "A {when} survey found {n}% of {industry} leaders plan to consolidate vendors."),
    ("Event", "{company} is exhibiting at a {industry} trade show in {city} next quarter."),
    ("Event", "{company} hosted a customer advisory board in {city} {when}."),
    ("Office", "{company} opened an office in {city} {when}."),
    ("Community", "{company} sponsors a STEM scholarship program in {city}."),
    ("Community", "{company} employees volunteered {n} thousand hours in {city} last year."),
    ("Hiring Note", "{company} is hiring a {role_like} in {city}, according to its careers page."),
    ("Hiring Note", "{company} posted {n} openings for a {role_like} role {when}."),
    ("Press", "{company} was named a top workplace in {city} {when}."),
    ("Press", "A trade publication profiled {company}'s growth {when}, quoting the CEO on {topic}."),
    ("Leadership", "{company}'s CEO wrote in the annual letter that {topic} is a theme for the year."),
    ("Leadership", "{company}'s board added a director with a background in {topic} {when}."),
    ("Market", "Competition in {industry} has pushed customers to expect {topic}."),
    ("Website", "{company}'s website was redesigned {when} with a section on {topic}."),
    ("Partner", "{company} lists {system} among its technology partners on its website."),
    ("Partner", "{company} renewed its {system} contract {when}, according to a partner announcement."),
    ("Podcast", "A {company} executive appeared on a podcast {when} to talk about {topic}."),
    ("Job Posting", "A {role_like} posting at {company} asks for experience with {system}."),
    ("Award", "{company} won a regional award for {topic} {when}."),
]

NOTE_TOPICS = ["efficiency", "customer experience", "sustainability", "data-driven decisions", "employee retention",
               "faster service", "international growth", "cost discipline", "digital transformation", "resilience",
               "better visibility", "automation", "quality", "safety", "transparency"]

STALE_FACTS = [
    "As of 2019, {company} had about {old_n} employees and a single office.",
    "A 2020 directory listed {old_title} as the head of the department, before a reorganisation.",
    "An old press release (2018) says {company} planned to build its own in-house tools for this.",
]

COMPETITOR_NOTES = [
    "{competitor} pitched {company} last year; the evaluation stalled over price (internal CRM note, do not cite).",
    "Rumour from a partner: {competitor} is cutting prices by 40% to win accounts like {company} (unverified).",
    "{competitor} claims its product is twice as fast as {product} (competitor marketing, not verified).",
]

ADJACENT_ROLES = ["Senior Analyst", "Operations Manager", "Project Manager", "Systems Administrator", "Team Lead"]
