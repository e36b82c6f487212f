"""Uploaded and generated files in S3-compatible object storage (django-storages), tested against moto's server
on 127.0.0.1: stored under a random key in a private bucket, served only through the view, deleted; the
document cache uses the same storage."""

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from anhai_thidua.core import doccache, uploads
from tests.pdf import MINIMAL_PDF

PDF = MINIMAL_PDF  # a real (blank) PDF: uploads are opened with pikepdf


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """settings as anhai_thidua/settings.py makes them from STORAGE_S3_* (a fresh bucket per test)."""
    import uuid

    name = f"anhai-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "test",
                "secret_key": "test",
                "default_acl": None,
                "file_overwrite": False,
                "addressing_style": "path",
            },
        },
    }
    return client, name


def _keys(client, name):
    return [o["Key"] for o in client.list_objects_v2(Bucket=name).get("Contents", [])]


def test_an_upload_goes_to_the_bucket_and_is_served_through_the_view(bucket, settings):
    client, name = bucket
    stored = uploads.store_upload(SimpleUploadedFile("Biên bản họp.pdf", PDF), folder="ho-so/12")

    assert _keys(client, name) == [stored.path]
    assert stored.path.startswith("ho-so/12/") and stored.path.endswith(".pdf")
    assert client.get_object(Bucket=name, Key=stored.path)["Body"].read() == PDF
    assert not (settings.MEDIA_ROOT / stored.path).exists()  # nothing on the local disk

    response = uploads.serve_stored_file(stored.path, stored.original_name)
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"

    acl = client.get_object_acl(Bucket=name, Key=stored.path)
    assert not [g for g in acl["Grants"] if "AllUsers" in str(g["Grantee"])]  # private

    uploads.delete_stored_file(stored.path)
    assert _keys(client, name) == []
    with pytest.raises(Http404):
        uploads.serve_stored_file(stored.path, stored.original_name)


def test_paths_that_leave_the_storage_are_refused(bucket):
    for path in ("../secret.pdf", "/etc/passwd", "ho-so/../../x.pdf", ""):
        with pytest.raises(Http404):
            uploads.serve_stored_file(path, "x.pdf")


def test_the_document_cache_lives_in_the_bucket(bucket):
    client, name = bucket
    calls = []

    def render():
        calls.append(1)
        return PDF

    assert doccache.get_or_render("ke-hoach", "<p>một</p>", render) == PDF
    assert doccache.get_or_render("ke-hoach", "<p>một</p>", render) == PDF
    assert len(calls) == 1
    assert [k.split("/")[:2] for k in _keys(client, name)] == [["generated", "ke-hoach"]]
