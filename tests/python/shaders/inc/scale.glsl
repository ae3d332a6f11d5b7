// Included by tests/python: the factor saxpy.comp's include adds.
float scale_of(float a) { return a * SCALE; }
