// Lies outside bad_input/sub/ (the root of sub/escape.comp) and is never a text source's root.
float outside_value() { return 7.0; }
