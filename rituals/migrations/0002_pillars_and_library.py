"""Seed the four pillars of a customer culture and the ritual library (edit both in the admin).

Each ritual is a small, repeated habit with a clear purpose, a rhythm, the people who take
part, the steps, what it needs and the signal that tells you it works.
"""

from django.db import migrations

PILLARS = [
    {
        "slug": "stories",
        "name": "Sharing customer stories",
        "description": "Real customers, told by name and in detail, keep every team's attention "
        "on the people it works for. Stories travel further than dashboards.",
    },
    {
        "slug": "listening",
        "name": "Listening to customers",
        "description": "Everyone, from the front line to the board, hears customers first hand "
        "and as often as possible, not only through reports and averages.",
    },
    {
        "slug": "responsibility",
        "name": "Shared responsibility",
        "description": "Doing the best for customers is everyone's job, and one C-level "
        "function owns it, so it has a voice, a budget and a seat where decisions are made.",
    },
    {
        "slug": "way-of-working",
        "name": "A customer-centred way of working",
        "description": "Design thinking as the everyday way of working: customer goals and "
        "metrics are where every piece of work starts and how it is judged at the end.",
    },
]

W, F, M, Q, Y, D = "weekly", "fortnightly", "monthly", "quarterly", "yearly", "daily"


def ritual(pillar, name, slug, purpose, cadence, duration, participants, steps, needs, signal):
    return {
        "pillar": pillar,
        "name": name,
        "slug": slug,
        "purpose": purpose,
        "cadence": cadence,
        "duration": duration,
        "participants": participants,
        "steps": "\n".join(steps),
        "needs": needs,
        "success_signal": signal,
    }


RITUALS = [
    # Sharing customer stories -----------------------------------------------------------------
    ritual(
        "stories",
        "A customer story opens the team meeting",
        "customer-story-opens-the-meeting",
        "Start every team meeting with one real customer, so the first thing on everyone's "
        "mind is the person the work is for.",
        W,
        5,
        "The whole team; the storyteller rotates every week.",
        [
            "The week's storyteller picks one customer they met, heard or read about.",
            "They tell it in three minutes: who the customer is, what they tried to do, what happened.",
            "The team names one thing the story means for this week's work.",
            "The storyteller hands the role to the next person on the rota.",
        ],
        "A rota on the team board; the agenda item fixed at the very top of the meeting.",
        "After two months, the story is told every week without a reminder, and decisions in the "
        "meeting refer back to it.",
    ),
    ritual(
        "stories",
        "Customer of the month at the all-hands",
        "customer-of-the-month",
        "Show the whole company one customer's journey with us, the good and the bad, so "
        "everyone sees how their part adds up.",
        M,
        10,
        "The whole company; presented by the team closest to that customer.",
        [
            "A team proposes a customer and asks their permission (or anonymises them).",
            "They map the customer's journey with us on one slide, including where we let them down.",
            "They present it at the all-hands, with a quote in the customer's own words.",
            "Each department names the moment in the journey it influences.",
        ],
        "Ten minutes at every all-hands; a simple journey slide template; consent from the customer.",
        "People across the company can name the last three featured customers and what we changed "
        "for them.",
    ),
    ritual(
        "stories",
        "The customer quote wall",
        "customer-quote-wall",
        "Keep customers' own words in sight where people work, so their voice is present "
        "between meetings too.",
        W,
        15,
        "Anyone who hears a customer; one curator per floor or channel.",
        [
            "Anyone posts a customer quote they heard this week, word for word, with the context.",
            "The curator replaces the oldest quotes every Friday.",
            "Once a month the team picks the quote that should change something, and acts on it.",
        ],
        "A wall or a shared channel; a curator; a habit of writing quotes down word for word.",
        "The wall is refreshed every week and at least one quote a month leads to a change.",
    ),
    ritual(
        "stories",
        "Story hand-over at the start of a project",
        "project-kick-off-story",
        "Every project begins with the story of the customer it is for, not with the scope or "
        "the budget.",
        M,
        20,
        "The project team, its sponsor, and someone who has met the customer.",
        [
            "Before the kick-off, someone who has met the customer writes their story on one page.",
            "The kick-off opens with that story, read aloud.",
            "The team writes the customer's goal in one sentence at the top of the project plan.",
            "The story is attached to the project, so newcomers read it first.",
        ],
        "A one-page story template; a kick-off agenda that starts with it.",
        "Every project plan starts with a named customer and their goal in one sentence.",
    ),
    ritual(
        "stories",
        "The leadership team's story round",
        "leadership-story-round",
        "Leaders share what they learned from a customer themselves, showing that listening is "
        "part of the job at the top.",
        F,
        10,
        "The leadership team; each member brings one story.",
        [
            "Each leader brings one customer encounter from the last two weeks.",
            "They tell it in two minutes and say what surprised them.",
            "The chair notes any pattern across stories and one follow-up with an owner.",
        ],
        "A standing first item in the leadership meeting; leaders who actually meet customers.",
        "Every leader has a first-hand story at every meeting; follow-ups are closed on time.",
    ),
    ritual(
        "stories",
        "Newcomers meet a customer in their first month",
        "newcomers-meet-a-customer",
        "Make a real customer part of every new colleague's welcome, so the customer is the "
        "first thing they learn about, not the last.",
        M,
        60,
        "Every new colleague, with a buddy from a customer-facing team.",
        [
            "In their first month, each newcomer joins a customer visit, call or service shift.",
            "They write down one thing that surprised them.",
            "They tell that story at their team meeting in their fifth week.",
        ],
        "A slot in the onboarding plan; buddies in customer-facing teams who welcome visitors.",
        "Every newcomer has met a customer within 30 days and tells the story to their team.",
    ),
    # Listening to customers -----------------------------------------------------------------
    ritual(
        "listening",
        "Executives listen in on support calls",
        "executives-listen-in",
        "Put leaders where customers speak to us unfiltered, so their decisions rest on what "
        "customers actually say.",
        M,
        60,
        "Each member of the leadership team, with a support colleague as host.",
        [
            "Each leader books one hour a month with the support team.",
            "They listen in on live calls or chats, headphones on, without taking over.",
            "Afterwards they write three observations and share them with the host.",
            "At the next leadership meeting each leader brings one thing to fix.",
        ],
        "A booking calendar with the support team; headsets; support colleagues willing to host.",
        "Every leader listens at least once a month and at least one fix a quarter comes from it.",
    ),
    ritual(
        "listening",
        "The quarterly customer panel",
        "quarterly-customer-panel",
        "Invite a handful of customers to tell us, in person, what it is like to work with us and "
        "what they need next.",
        Q,
        120,
        "Six to eight customers, a neutral host, and the leadership team and product leads listening.",
        [
            "Invite a mix of customers: new, loyal and one who nearly left.",
            "A neutral host asks open questions; our people mostly listen.",
            "Write down what you hear in the customers' own words, not your interpretation.",
            "Within a week, send the panel what you heard and what you will do about it.",
        ],
        "A host, a room or a video call, a small thank-you for the panel, a note-taker.",
        "Panellists see at least one change from their previous panel, and they come back.",
    ),
    ritual(
        "listening",
        "Everyone does a customer shift",
        "everyone-does-a-customer-shift",
        "Every colleague, whatever their role, spends time on the front line and hears customers "
        "first hand.",
        Q,
        240,
        "Everyone in the organisation, hosted by front-line teams.",
        [
            "Each colleague books half a day a quarter with a front-line team.",
            "They shadow, answer simple questions with help, and listen.",
            "They write one page: what customers asked for, what got in their way.",
            "Their team reviews the pages together once a quarter.",
        ],
        "A booking system; front-line teams who see hosting as part of their job.",
        "More than 80% of colleagues complete a shift each quarter; teams act on what they heard.",
    ),
    ritual(
        "listening",
        "Read the complaints together",
        "read-the-complaints-together",
        "Look at complaints as a team, in the customers' own words, instead of as a number on a "
        "dashboard.",
        W,
        20,
        "The team responsible for a product or service; someone from customer service.",
        [
            "Customer service brings five recent complaints, unedited.",
            "The team reads them in silence, then says what they have in common.",
            "Pick one root cause you can remove and give it an owner.",
        ],
        "Access to raw complaints; a fixed twenty minutes in the team's week.",
        "The same complaint does not come back a month later.",
    ),
    ritual(
        "listening",
        "Five customer calls a week",
        "five-customer-calls-a-week",
        "Keep a steady stream of short conversations with customers, so listening is routine "
        "rather than a project.",
        W,
        75,
        "Product, marketing and sales teams; each person calls one customer a week.",
        [
            "The team shares a list of customers who agreed to be called.",
            "Each person makes one fifteen-minute call a week with three open questions.",
            "They log what they heard in a shared place the same day.",
            "Once a month the team looks for patterns in the log.",
        ],
        "A list of willing customers; three open questions; a shared log.",
        "The log grows every week and the monthly patterns show up in the team's priorities.",
    ),
    ritual(
        "listening",
        "The lost-customer conversation",
        "lost-customer-conversation",
        "Learn the most from the customers who left, by asking them why, without trying to win "
        "them back in the same call.",
        M,
        45,
        "A senior person from the team that owned the relationship; the customer who left.",
        [
            "Each month pick one or two customers who left or did not renew.",
            "A senior person calls to ask, and only to ask, what made them leave.",
            "Write up what you heard and share it with the teams involved.",
            "Decide together which cause to remove first.",
        ],
        "A list of lost customers; a senior person willing to hear hard things.",
        "The reasons customers give for leaving change over the year, and the top one disappears.",
    ),
    # Shared responsibility -------------------------------------------------------------------
    ritual(
        "responsibility",
        "An empty chair for the customer in planning",
        "empty-chair-in-planning",
        "Give the customer a seat in every planning meeting, and someone who speaks for them, so "
        "every choice is tested against their interest.",
        W,
        5,
        "Every planning meeting; one person takes the customer's chair each time.",
        [
            "Put an empty chair at the table with the customer's name or segment on it.",
            "One person is the customer's voice for that meeting.",
            "Before each decision, the chair asks: what does this mean for the customer?",
            "The answer is written next to the decision in the minutes.",
        ],
        "A chair, a name card, a rotating voice; minutes with a field for the customer's view.",
        "Decisions in the minutes carry a customer line, and some decisions change because of it.",
    ),
    ritual(
        "responsibility",
        "The customer review at the board",
        "customer-review-at-the-board",
        "Make the customer a fixed item at the top of the board agenda, owned by the C-level "
        "customer owner.",
        Q,
        30,
        "The board or executive committee; the C-level owner of customer responsibility presents.",
        [
            "The customer owner presents three customer metrics and their trend.",
            "They tell one story behind the numbers.",
            "The board decides one thing to change, with an owner and a date.",
            "The next review starts with what happened to that decision.",
        ],
        "A C-level owner; the first slot on the agenda; a small set of agreed customer metrics.",
        "The customer item is never pushed down the agenda and its decisions are carried out.",
    ),
    ritual(
        "responsibility",
        "Customer goals in every team's plan",
        "customer-goals-in-every-plan",
        "Every team states which customer outcome it contributes to, so responsibility is shared "
        "and not left to customer service.",
        Q,
        60,
        "Every team lead with their team; the customer owner reviews.",
        [
            "Each team writes one customer outcome it moves this quarter, with a metric.",
            "Teams that share an outcome agree who does what.",
            "The customer owner collects them on one page for everyone to see.",
            "At the end of the quarter each team reports on its customer outcome first.",
        ],
        "A one-page template; a place where all teams' customer goals are visible.",
        "Every team, including internal ones, can name its customer outcome and its number.",
    ),
    ritual(
        "responsibility",
        "Fix-it Friday",
        "fix-it-friday",
        "Give teams the time and the permission to remove one small thing that annoys customers, "
        "every week, without waiting for a project.",
        W,
        60,
        "Any team; a sponsor who clears obstacles.",
        [
            "During the week, anyone adds customer irritations to the fix-it list.",
            "On Friday the team picks one it can fix in an hour or two.",
            "They fix it and tell the customer who raised it, if possible.",
            "The sponsor removes any blocker the team could not.",
        ],
        "A visible fix-it list; one protected hour a week; a sponsor.",
        "The list shrinks, and customers notice small things improving.",
    ),
    ritual(
        "responsibility",
        "Walk a complaint to its end",
        "walk-a-complaint-to-its-end",
        "Follow one complaint across every department it touches, so everyone sees their share "
        "of the problem and nobody passes it on.",
        M,
        60,
        "One person from each department the complaint touched; the customer owner hosts.",
        [
            "Pick one complaint that crossed several departments.",
            "Walk it step by step with the people who handled each step.",
            "Find where the customer was passed on or kept waiting.",
            "Agree one change that stops it happening again, with an owner.",
        ],
        "A host from the customer owner's team; the complaint's full history.",
        "Hand-overs that annoyed customers disappear and the time to resolve falls.",
    ),
    ritual(
        "responsibility",
        "Customer recognition moment",
        "customer-recognition-moment",
        "Celebrate people who did the right thing for a customer, so it is clear what we value.",
        M,
        10,
        "The whole company; nominations from anyone, including customers.",
        [
            "Anyone nominates a colleague who went out of their way for a customer.",
            "Each month, the customer owner reads out two nominations with the story.",
            "The customer's own words are quoted whenever there are any.",
        ],
        "A nomination form; a slot in the all-hands; a C-level owner who takes part.",
        "Nominations come from all departments, not only from customer-facing teams.",
    ),
    # A way of working ------------------------------------------------------------------------
    ritual(
        "way-of-working",
        "Start with the customer's goal",
        "start-with-the-customers-goal",
        "Every piece of work begins by writing down whose goal it serves and how we will know "
        "it did.",
        W,
        10,
        "Anyone starting a piece of work; their team lead checks.",
        [
            "Before starting, write: which customer, what they are trying to achieve, "
            "which metric shows it.",
            "Put these three lines at the top of the brief, ticket or plan.",
            "When the work is done, check the metric before calling it finished.",
        ],
        "A three-line template at the top of every brief and ticket.",
        "Finished work is judged by the customer metric named at the start.",
    ),
    ritual(
        "way-of-working",
        "Test with five customers before building",
        "test-with-five-customers",
        "Try every new idea on real customers, cheaply, before spending serious money on it.",
        F,
        120,
        "The team building the idea; five customers from the target group.",
        [
            "Make the cheapest prototype that shows the idea: a sketch, a mock-up, a script.",
            "Show it to five customers one by one and watch what they do.",
            "Note where they hesitate, misunderstand or get excited.",
            "Decide: build, change or drop.",
        ],
        "Access to customers; a prototype tool; permission to drop ideas.",
        "Ideas are dropped or changed early, and what is built is used.",
    ),
    ritual(
        "way-of-working",
        "The customer metric review",
        "customer-metric-review",
        "Look at how finished work changed things for customers, not only whether it was "
        "delivered on time and on budget.",
        M,
        45,
        "Team leads and the customer owner.",
        [
            "List the work finished last month and the customer metric each one named.",
            "Look at the metric before and after.",
            "Talk about what worked, what did not and why.",
            "Decide what to stop, change or do more of.",
        ],
        "Customer metrics that can be measured monthly; a shared list of finished work.",
        "Teams change their plans because of what the review shows.",
    ),
    ritual(
        "way-of-working",
        "Journey walk-through",
        "journey-walk-through",
        "Walk through a customer journey as the customer does, end to end, to see it with their "
        "eyes.",
        Q,
        90,
        "A mixed group from the teams involved in one journey.",
        [
            "Pick one journey: ordering, onboarding, a claim, cancelling.",
            "Go through it as a customer would, with real channels and real waiting times.",
            "Map every step and mark where it hurts.",
            "Choose the two worst moments and give each an owner.",
        ],
        "A test account or a willing customer; a wall to map on; 90 minutes.",
        "The worst moments found in one walk-through are gone by the next one.",
    ),
    ritual(
        "way-of-working",
        "Insight to idea session",
        "insight-to-idea-session",
        "Turn what we heard from customers into ideas, regularly, so insight feeds the work "
        "instead of sitting in a report.",
        M,
        60,
        "A product or service team with whoever collected the month's customer insight.",
        [
            "Bring the month's customer insight: quotes, calls, complaints, panel notes.",
            "Define the problem in the customer's words: how might we …?",
            "Ideate for fifteen minutes, quantity before quality.",
            "Pick one idea to prototype and test before the next session.",
        ],
        "A collection of the month's insight; a facilitator; sticky notes.",
        "Each session ends with a prototype that is tested with customers within a month.",
    ),
    ritual(
        "way-of-working",
        "The customer check in the definition of done",
        "customer-check-in-definition-of-done",
        "Nothing is done until a customer has used it and we have looked at the effect.",
        W,
        15,
        "Delivery teams and their product owner.",
        [
            "Add a line to the team's definition of done: used by a real customer, effect measured.",
            "At the weekly review, move work to done only when that line is ticked.",
            "Keep a short list of work waiting for its customer check.",
        ],
        "A written definition of done; a way to see the effect on customers quickly.",
        "The waiting list stays short and the team talks about effects, not output.",
    ),
    ritual(
        "way-of-working",
        "Yearly customer day",
        "yearly-customer-day",
        "Once a year, the whole organisation spends a day with customers and sets its customer "
        "goals for the year from what it learned.",
        Y,
        480,
        "The whole organisation, customers invited; the C-level customer owner hosts.",
        [
            "In the morning, everyone visits, calls or serves customers.",
            "At lunch, teams share what they heard.",
            "In the afternoon, each team sets its customer goal for the coming year.",
            "The customer owner publishes all the goals the week after.",
        ],
        "A day in the calendar a year ahead; customers willing to take part; a host.",
        "Every team's plan for the year starts from the goals set on the customer day.",
    ),
]


def add_library(apps, schema_editor):
    Pillar = apps.get_model("rituals", "Pillar")
    Ritual = apps.get_model("rituals", "Ritual")
    pillars = {}
    for position, pillar in enumerate(PILLARS):
        pillars[pillar["slug"]], _ = Pillar.objects.update_or_create(
            slug=pillar["slug"], defaults={**pillar, "position": position}
        )
    for position, item in enumerate(RITUALS):
        Ritual.objects.update_or_create(
            slug=item["slug"],
            defaults={**item, "pillar": pillars[item["pillar"]], "position": position},
        )


def remove_library(apps, schema_editor):
    apps.get_model("rituals", "Ritual").objects.filter(
        slug__in=[item["slug"] for item in RITUALS]
    ).delete()
    apps.get_model("rituals", "Pillar").objects.filter(
        slug__in=[pillar["slug"] for pillar in PILLARS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("rituals", "0001_initial")]

    operations = [migrations.RunPython(add_library, remove_library)]
