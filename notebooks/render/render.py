"""Renders the executed notebooks to HTML pages for docs/notebooks/ (see render.sh).

    /usr/bin/python3 render.py EXECUTED_DIR OUT_DIR NOTEBOOK.ipynb...

For each source notebook NAME.ipynb, EXECUTED_DIR/NAME.ipynb (written by run-notebooks.sh) becomes
OUT_DIR/NAME.html through nbconvert's HTMLExporter with the `kmslab` template beside this file.
OUT_DIR also gets notebook.css (the stylesheet all pages share), index.html and README.md (the list).

A page changes only when what a reader sees changes: before rendering, everything a run stamps
on the notebook is set to a fixed value (execution timestamps and durations, cell ids, display ids,
kernel versions), the clone's absolute path is taken out of outputs, and the kernel's list of the
jars it loaded is sorted. What the outputs themselves print is the notebooks' business (seeded labs).
"""
import copy
import html
import os
import re
import sys

import nbformat
from nbconvert import HTMLExporter

RENDER_DIR = os.path.dirname(os.path.abspath(__file__))
# The lab template's stylesheets (Debian jupyter-nbconvert); notebook.css is them + kmslab.css.
LAB_STATIC = "/usr/share/jupyter/nbconvert/templates/lab/static"


# notebooks/: the kernels' working directory
NB_DIR = os.path.dirname(RENDER_DIR)
# rapaio's `%jars target/jars/` prints one "Add /abs/path/x.jar to classpath" stream output per jar
# (in green), with the clone's absolute path and in the order the file system lists the directory,
# which differs from one clone to another.
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
JAR_ADDED = re.compile(r"^Add (\S+\.jar) to classpath$")


def is_jar_line(out):
    return (out.get("output_type") == "stream"
            and JAR_ADDED.match(ANSI.sub("", out.get("text", "")).strip()) is not None)


def fold_jar_lines(outputs):
    """Folds each run of consecutive "Add ... to classpath" outputs into one line naming the jars in name order
    (a page would otherwise open with one line per jar, some 70 of them); leaves the others in place."""
    result, run = [], []

    def fold():
        if run:
            names = sorted(os.path.basename(JAR_ADDED.match(ANSI.sub("", o["text"]).strip()).group(1))
                           for o in run)
            folded = copy.deepcopy(run[0])
            folded["text"] = (f"Added to the classpath ({len(names)} jars, one line each in the notebook; "
                              f"folded here): " + ", ".join(names) + "\n")
            result.append(folded)
            run.clear()

    for out in outputs:
        if is_jar_line(out):
            run.append(out)
            continue
        fold()
        result.append(out)
    fold()
    return result


def machine_free(text):
    """An output text without the clone's location: paths under notebooks/ made relative to it."""
    for path in {os.path.realpath(NB_DIR), NB_DIR}:
        text = text.replace(path + os.sep, "")
    return text


def normalize(nb):
    """Removes or fixes what differs from one run of the same notebook to the next."""
    # notebook metadata: keep what says which kernel it is for, not which build of it ran
    kept = {k: nb.metadata[k] for k in ("kernelspec", "title") if k in nb.metadata}
    lang = nb.metadata.get("language_info", {})
    if "name" in lang:
        kept["language_info"] = {"name": lang["name"]}
    nb.metadata = nbformat.NotebookNode(kept)
    for i, cell in enumerate(nb.cells, start=1):
        # nbformat gives a cell without an id a random one on every read
        cell["id"] = f"cell-{i}"
        # nbclient's metadata.execution: iopub/shell timestamps of this run
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if "outputs" in cell:
            cell["outputs"] = fold_jar_lines(cell["outputs"])
        for out in cell.get("outputs", []):
            # display ids are kernel-session ids (update_display_data), not content
            out.pop("transient", None)
            if "text" in out:
                out["text"] = machine_free(out["text"])
            for mime in ("text/plain", "text/html"):
                if isinstance(out.get("data", {}).get(mime), str):
                    out["data"][mime] = machine_free(out["data"][mime])
            if out.get("output_type") == "error":
                out["evalue"] = machine_free(out.get("evalue", ""))
                out["traceback"] = [machine_free(line) for line in out.get("traceback", [])]
    return nb


def title_of(nb, name):
    """The notebook's first markdown heading, else its file name."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#{1,6}\s+(.+?)\s*#*\s*$", cell.source, re.M)
            if m:
                # markdown emphasis/code marks are not wanted in a <title>
                return re.sub(r"[*_`]", "", m.group(1))
    return name


# tests set this: no progress lines
QUIET = False


def log(line):
    if not QUIET:
        print(line, flush=True)


def has_error(nb):
    return any(out.get("output_type") == "error"
               for cell in nb.cells for out in cell.get("outputs", []))


_EXPORTER = []


def html_exporter():
    """nbconvert's HTML exporter with the kmslab template (made once: it compiles the templates)."""
    if not _EXPORTER:
        _EXPORTER.append(HTMLExporter(template_name="kmslab", extra_template_basedirs=[RENDER_DIR],
                                      sanitize_html=False))
    return _EXPORTER[0]


def write(path, text):
    """Writes text with \\n line ends and one final newline, only if it changed (keeps mtimes)."""
    text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main(executed_dir, out_dir, sources):
    os.makedirs(out_dir, exist_ok=True)
    exporter = html_exporter()
    pages, missing = [], []
    for source in sorted(sources):
        name = os.path.splitext(os.path.basename(source))[0]
        executed = os.path.join(executed_dir, name + ".ipynb")
        if not os.path.exists(executed):
            missing.append(name)
            continue
        nb = normalize(nbformat.read(executed, as_version=4))
        title = title_of(nb, name)
        nb.metadata["title"] = title
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
        write(os.path.join(out_dir, name + ".html"), body)
        error = has_error(nb)
        pages.append((name, title, error))
        log(f"[render] {name}.html" + ("  (has an error output)" if error else ""))

    css = []
    for path in (os.path.join(LAB_STATIC, "index.css"), os.path.join(LAB_STATIC, "theme-light.css"),
                 os.path.join(RENDER_DIR, "kmslab.css")):
        with open(path, encoding="utf-8") as f:
            css.append(f.read())
    write(os.path.join(out_dir, "notebook.css"), "\n".join(css))

    items = "\n".join(f'  <li><a href="{n}.html">{html.escape(t)}</a> <code>{n}.ipynb</code></li>'
                      for n, t, _ in pages)
    write(os.path.join(out_dir, "index.html"), f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>KMS Lab notebooks</title>
<link rel="stylesheet" href="notebook.css">
</head>
<body class="jp-Notebook kmslab-index">
<main class="jp-RenderedHTMLCommon">
<h1>KMS Lab notebooks</h1>
<p>The notebooks of <code>notebooks/</code>, executed by the build and rendered with their outputs,
so that they can be read without Java or Jupyter. To run them yourself, see <code>notebooks/</code>
in the repository.</p>
<ol>
{items}
</ol>
</main>
</body>
</html>
""")
    rows = "\n".join(f"| [{t}]({n}.html) | `notebooks/{n}.ipynb` |" for n, t, _ in pages)
    write(os.path.join(out_dir, "README.md"), f"""# KMS Lab notebooks, rendered

The notebooks of [`notebooks/`](../../notebooks/), executed by the build and rendered to HTML with their
outputs (tables and pictures), to be read in a browser without Java or Jupyter. Open
[index.html](index.html) in a browser (a clone: `xdg-open docs/notebooks/index.html`); a code host shows the
`.html` files as source.

| Notebook | Source |
| --- | --- |
{rows}

Generated by `notebooks/publish.sh` (after `mvn -B -ntp verify` or `notebooks/run-notebooks.sh`); do not
edit by hand. The build checks these pages in headless Chromium and compares them with a fresh render.
""")
    # a page whose notebook is gone (renamed, deleted) goes too
    rendered = {n + ".html" for n, _, _ in pages} | {"index.html"}
    for f in sorted(os.listdir(out_dir)):
        if f.endswith(".html") and f not in rendered:
            os.remove(os.path.join(out_dir, f))
            log(f"[render] removed {f} (no such notebook)")
    if missing:
        print("[render] not executed (no target/executed copy), so not rendered: " + ", ".join(missing),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
