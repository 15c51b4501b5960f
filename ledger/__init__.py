"""A ledger of humanitarian agreements: what negotiation rounds committed each side to, what was
handed over afterwards, and where the sources disagree."""
