"""The browser tests: the course as a learner meets it, JupyterLab in headless Chromium, cells run from
the UI, one file per notebook. conftest.py starts one JupyterLab and one Chromium for the whole folder
(a package, so that they stop when its last test is done); jupyterlab.py drives a notebook.
"""
