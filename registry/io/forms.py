"""The upload form of the import page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.io.columns import layouts
from registry.io.uploads import UploadRejected, check_upload
from registry.kinds import KINDS


class ImportForm(forms.Form):
    # A callable: the choices include kinds other apps register (kechuang.plugins, `importable.py`).
    kind = forms.ChoiceField(
        label=_("资源类型"),
        choices=lambda: [
            (code, KINDS[code].label if code in KINDS else layout.model._meta.verbose_name)
            for code, layout in layouts().items()
        ],
    )
    file = forms.FileField(
        label=_("文件"), help_text=_("支持 .xlsx、.csv（UTF-8 或 GBK）、.jsonl；表头可用英文列名或中文列名。")
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            try:
                cleaned["format"] = check_upload(upload)
            except UploadRejected as error:
                self.add_error("file", str(error))
        return cleaned
