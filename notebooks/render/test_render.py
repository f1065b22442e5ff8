"""Tests of render.py: a page does not change with what a run stamps on a notebook, and the template
keeps the pictures and needs no network.

    /usr/bin/python3 -m unittest discover -s notebooks/render -p 'test_*.py'     (render.sh runs it first)
"""
import copy
import os
import re
import sys
import tempfile
import unittest

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render  # noqa: E402

render.QUIET = True

PICTURE = ("<svg xmlns='http://www.w3.org/2000/svg' width='120' height='40' viewBox='0 0 120 40'>"
           "<rect x='1' y='1' width='100' height='30' fill='#d8e6f3'/>"
           "<text x='10' y='20' text-anchor='start'>key</text></svg>")
GREEN, RESET = "\x1b[0m\x1b[32m", "\n\x1b[0m"


def executed(run, jar_order, cell_ids, clone=render.NB_DIR):
    """A notebook as run-notebooks.sh writes it, with what one particular run stamps on it."""
    nb = new_notebook(metadata={
        "kernelspec": {"name": "java", "display_name": "Java", "language": "java"},
        "language_info": {"name": "java", "version": f"17.0.{run}", "codemirror_mode": "java"}})
    jars = new_code_cell("%jars target/jars/", execution_count=1, outputs=[
        new_output("stream", name="stdout", text=GREEN + "Found 2 jar files." + RESET)]
        + [new_output("stream", name="stdout", text=f"{GREEN}Add {clone}/target/jars/{j}.jar to classpath{RESET}")
           for j in jar_order])
    jars.metadata["execution"] = {"iopub.execute_input": f"2026-12-07T01:0{run}:00.000Z",
                                  "shell.execute_reply": f"2026-12-07T01:0{run}:01.500Z"}
    picture = new_code_cell("show(picture)", execution_count=2, outputs=[
        new_output("display_data", data={"image/svg+xml": PICTURE, "text/plain": "picture"})])
    picture.outputs[0]["transient"] = {"display_id": f"display-{run}"}
    prose = new_markdown_cell("# Keys *and* encryption\nA key costs $1 a month; 10,000 calls $0.03.")
    nb.cells = [prose, jars, picture]
    for cell, cell_id in zip(nb.cells, cell_ids):
        cell["id"] = cell_id
    return nb


def render_one(nb, name="01-test"):
    with tempfile.TemporaryDirectory() as tmp:
        executed_dir, out_dir = os.path.join(tmp, "executed"), os.path.join(tmp, "html")
        os.makedirs(executed_dir)
        nbformat.write(nb, os.path.join(executed_dir, name + ".ipynb"))
        render.main(executed_dir, out_dir, [name + ".ipynb"])
        with open(os.path.join(out_dir, name + ".html"), encoding="utf-8") as f:
            page = f.read()
        with open(os.path.join(out_dir, "index.html"), encoding="utf-8") as f:
            return page, f.read()


class StablePageTest(unittest.TestCase):

    def test_two_runs_that_differ_only_in_what_a_run_stamps_give_the_same_page(self):
        first, _ = render_one(executed(1, ["b", "a"], ["x1", "x2", "x3"]))
        second, _ = render_one(executed(2, ["a", "b"], ["y1", "y2", "y3"], clone=render.NB_DIR))
        self.assertEqual(first, second)

    def test_a_changed_output_changes_the_page(self):
        nb = executed(1, ["a", "b"], ["x1", "x2", "x3"])
        changed = copy.deepcopy(nb)
        changed.cells[2].outputs[0]["data"]["image/svg+xml"] = PICTURE.replace(">key<", ">alias<")
        self.assertNotEqual(render_one(nb)[0], render_one(changed)[0])

    def test_the_clone_path_is_taken_out_and_the_jars_folded_into_one_line_in_name_order(self):
        page, _ = render_one(executed(1, ["b", "a"], ["x1", "x2", "x3"]))
        self.assertNotIn(render.NB_DIR, page)
        text = re.sub(r"<[^>]+>", "", page)
        self.assertIn("Added to the classpath (2 jars, one line each in the notebook; folded here): a.jar, b.jar",
                      text)
        self.assertNotIn("Add target/jars/", text)


class TemplateTest(unittest.TestCase):

    def test_an_svg_output_keeps_its_attributes(self):
        # nbconvert's lab template runs image/svg+xml through lxml's clean_html, which drops these
        page, _ = render_one(executed(1, ["a"], ["x1", "x2", "x3"]))
        self.assertIn("viewBox='0 0 120 40'", page)
        self.assertIn("<rect x='1' y='1' width='100' height='30' fill='#d8e6f3'/>", page)
        self.assertIn("text-anchor='start'", page)

    def test_the_page_loads_nothing_from_the_network_and_uses_the_shared_stylesheet(self):
        page, index = render_one(executed(1, ["a"], ["x1", "x2", "x3"]))
        for html in (page, index):
            self.assertNotRegex(html, r"(src|href)=[\"']?(https?:)?//")
            self.assertNotIn("<script", html)
            self.assertIn('<link rel="stylesheet" href="notebook.css">', html)
        self.assertIn("$1 a month; 10,000 calls $0.03.", page)   # prose, not a formula

    def test_an_error_output_is_marked_for_the_browser_check(self):
        nb = executed(1, ["a"], ["x1", "x2", "x3"])
        nb.cells[2].outputs.append(new_output("error", ename="IllegalStateException", evalue="boom",
                                              traceback=["java.lang.IllegalStateException: boom"]))
        page, _ = render_one(nb)
        self.assertRegex(page, r'data-output-type="error">\s*<pre>\s*java.lang.IllegalStateException: boom')

    def test_the_title_and_the_index_entry_come_from_the_first_heading(self):
        page, index = render_one(executed(1, ["a"], ["x1", "x2", "x3"]))
        self.assertIn("<title>Keys and encryption</title>", page)
        self.assertIn('<a href="01-test.html">Keys and encryption</a>', index)


if __name__ == "__main__":
    unittest.main()
