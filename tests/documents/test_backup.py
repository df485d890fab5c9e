"""Backup and restore carry the uploaded documents: every file comes back byte for byte, checked by its hash."""

from __future__ import annotations

import tarfile

import pytest

from tests.cli.test_commands import SEEDS, run_cli


def _files(root):
    base = root / "documents"
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in base.rglob("*") if p.is_file()}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds beside the checkout")
def test_backup_and_restore_carry_every_document(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    assert run_cli("demo", "--load-only", data_dir=a).returncode == 0
    stored = _files(a)
    assert len(stored) == 35  # seven demo papers in each of the five councils
    backup = tmp_path / "councildesk.backup"
    made = run_cli("backup", "--output", str(backup), data_dir=a)
    assert made.returncode == 0, made.stderr
    assert "wrote 35 documents" in made.stdout
    with tarfile.open(tmp_path / "councildesk.backup.documents.tar") as tar:
        assert len(tar.getmembers()) == 35
    restored = run_cli("restore", str(backup), "--yes", data_dir=b)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "restored 35 documents" in restored.stdout
    assert _files(b) == stored


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds beside the checkout")
def test_a_damaged_documents_archive_is_reported(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    assert run_cli("demo", "--load-only", data_dir=a).returncode == 0
    backup = tmp_path / "councildesk.backup"
    assert run_cli("backup", "--output", str(backup), data_dir=a).returncode == 0
    archive = tmp_path / "councildesk.backup.documents.tar"
    with tarfile.open(archive) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]
    archive.unlink()
    with tarfile.open(archive, "w") as tar:
        for member, data in members[1:]:  # one document lost
            import io

            tar.addfile(member, io.BytesIO(data))
    restored = run_cli("restore", str(backup), "--yes", data_dir=b)
    assert restored.returncode == 1
    assert "1 documents are missing or damaged" in restored.stderr
