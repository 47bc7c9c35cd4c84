"""The admins' tools: insights (what people ask), review (what needs checking), verify, HSDS export."""
