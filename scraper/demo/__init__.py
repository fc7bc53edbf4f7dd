"""The `filmcat demo`: sample review sites (sites/) served on loopback and crawled into a catalogue."""
