// Imported before Ink by tests that look at colours: Ink's chalk decides its colour level when it
// is first loaded, and a test worker's stdout is not a terminal, so it would print no colour at all.
process.env['FORCE_COLOR'] = '1';
