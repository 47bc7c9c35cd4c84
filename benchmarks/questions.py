"""Questions the load and soak benchmarks send: a mix of languages, topics, small talk and no-match."""

QUESTIONS = [
    "where can I learn English?",
    "my landlord puts 12 people in one house",
    "gdzie mogę zarejestrować się do lekarza",
    "nemám prácu ani peniaze",
    "hello",
    "the agency took money from my pay for transport",
    "who won the football last night",
    "как записаться к врачу",
]

# a message that shows immediate danger: its reply must never wait behind the others
CRISIS = "I want to kill myself tonight"
