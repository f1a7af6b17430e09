"""Notebook 09 in JupyterLab: "classify your own photo" takes a photo and refuses a file that is not one."""

import shutil

from .jupyterlab import (
    assert_no_errors,
    plot_texts,
    run_up_to,
    screenshot,
    upload,
    wait_until_settled,
)


def test_classify_your_own_photo_accepts_a_photo_and_refuses_a_non_image(page, lab, tmp_path):
    run_up_to(page, lab, "09_pretrained_models.ipynb", "show_course_photo()")
    box = page.locator(".widget-vbox").filter(has=page.locator(".widget-upload")).last
    box.scroll_into_view_if_needed()
    output = box.locator(".widget-output")
    assert any("chelsea.png: " in t for t in plot_texts(output)), "the course photo picker starts with the cat"
    not_a_photo = tmp_path / "notes.jpg"
    not_a_photo.write_text("this is a text file with a .jpg name")
    upload(page, box, not_a_photo)
    assert "notes.jpg is not a JPEG or PNG image" in output.inner_text()
    photo = tmp_path / "my_photo.jpg"
    from helpers.cache import cached_file

    shutil.copy(cached_file("images/dog.jpg"), photo)
    upload(page, box, photo)
    texts = plot_texts(output)
    assert any("my_photo.jpg: " in t for t in texts), texts
    box.locator(".widget-dropdown select").select_option("mt_baker.jpg")
    wait_until_settled(page)
    assert any("mt_baker.jpg: " in t for t in plot_texts(output))
    assert_no_errors(page)
    screenshot(page, "09_your_own_photo")
