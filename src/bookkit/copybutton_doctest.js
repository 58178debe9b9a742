// What the copy button of a doctest listing copies (bookkit.copybutton).
//
// sphinx-copybutton decides line by line, with one regular expression,
// whether a line is code and what its prompt is.  That cannot copy a
// doctest so that the classic REPL runs it: a bare "..." inside a class
// body must go (the REPL ends a block at an empty line, and the next
// "def" raises IndentationError), while the bare "..." that closes the
// block must stay (without an empty line there, the next statement is a
// SyntaxError).  Both lines read "...".  So a block with ">>>" prompts is
// read as doctest reads it: an example is its ">>>" line and the "..."
// lines right after it; any other line is output (a "..." after output is
// output too, for example in an elided traceback).  Each example is copied
// without its empty lines (except inside a triple-quoted string), and a
// compound statement is followed by one empty line, which ends it in the
// REPL and is harmless in a script.  Other blocks (shell sessions, module
// listings) are copied by sphinx-copybutton's own function, renamed
// copybuttonFormatCopyText.

function formatCopyText(textContent, ...options) {
  const lines = textContent.split("\n");
  if (!lines.some((line) => /^>>>( |$)/.test(line))) {
    return copybuttonFormatCopyText(textContent, ...options);
  }
  const examples = [];
  let inSource = false;
  for (const line of lines) {
    const prompt = /^>>>(?: (.*))?$/.exec(line);
    const more = /^\.\.\.(?: (.*))?$/.exec(line);
    if (prompt) {
      examples.push([prompt[1] ?? ""]);
      inSource = true;
    } else if (more && inSource) {
      examples[examples.length - 1].push(more[1] ?? "");
    } else {
      inSource = false;
    }
  }
  const compound = new RegExp(
    "^(async\\s|class\\s|def\\s|for\\s|if\\s|match\\s|" +
      "try\\s*:|while\\s|with\\s|@)"
  );
  const copied = [];
  for (const example of examples) {
    const kept = [];
    let quotes = 0;
    for (const line of example) {
      if (kept.length && line.trim() === "" && quotes % 2 === 0) {
        continue;
      }
      kept.push(line);
      quotes += (line.match(/"""|'''/g) || []).length;
    }
    copied.push(...kept);
    if (kept.length > 1 || compound.test(kept[0])) {
      copied.push("");
    }
  }
  // Like sphinx-copybutton: no final newline, so a paste does not run the
  // last statement before the reader presses Enter.
  return copied.join("\n").replace(/\n+$/, "");
}
