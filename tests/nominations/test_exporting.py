"""export_campaign writes every dossier's documents and uploaded files."""

from campaigns.exporting import campaign_export
from nominations import services

from .conftest import PDF


def test_export_writes_dossier_documents_and_attachments(complete_a, head_a, tmp_path):
    services.dossier_submit(
        dossier=complete_a, actor=head_a
    )  # a never-submitted draft is discarded, not withdrawn
    services.dossier_withdraw(dossier=complete_a, actor=head_a)
    result = campaign_export(campaign=complete_a.campaign, directory=tmp_path / "out")
    assert not any(f.name.startswith("ho-so/") for f in result.files)  # withdrawn: left out
    services.dossier_reopen(dossier=complete_a, actor=head_a)
    result = campaign_export(campaign=complete_a.campaign, directory=tmp_path / "out")
    names = {f.name for f in result.files}
    folder = "ho-so/ttphcc/"
    assert {folder + "to-trinh.pdf", folder + "bien-ban-hop.pdf"} <= names
    reports = sorted(n for n in names if n.startswith(folder + "bao-cao-thanh-tich/"))
    assert reports == [
        folder + "bao-cao-thanh-tich/01-trung-tam-phuc-vu-hanh-chinh-cong.pdf",
        folder + "bao-cao-thanh-tich/02-tran-ngoc-son.pdf",
        folder + "bao-cao-thanh-tich/03-le-thi-my-duyen.pdf",
    ]
    scans = [n for n in names if n.startswith(folder + "tai-lieu/")]
    assert len(scans) == 1 and scans[0].endswith("-bien-ban-da-ky.pdf")
    assert (result.directory / scans[0]).read_bytes() == PDF
