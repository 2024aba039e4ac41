# Build the Windows bundle and its Inno Setup installer (run in PowerShell on Windows 10/11 x64).
#
#   powershell -ExecutionPolicy Bypass -File installers\windows\build-windows.ps1
#
# Needs: Python 3.11+ x64 (python.org installer, "py" launcher) and Inno Setup 6
# (ISCC.exe; set $env:ISCC if it is not in the default folder). The first run creates
# .venv and installs the app with its installer extra from the package index (or from
# a local wheelhouse: $env:PIP_FIND_LINKS and $env:PIP_NO_INDEX=1); the build itself and
# the resulting installer need no network.
# Output: dist\interfant-desktop\ (bundle), dist\interfant-desktop-<version>-windows-x64-setup.exe
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path ".venv\Scripts\python.exe")) { py -3 -m venv .venv }
$python = ".venv\Scripts\python.exe"
& $python -m pip install --disable-pip-version-check -q -e ".[installer]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }
$version = & $python -c "import interfant_desktop; print(interfant_desktop.__version__)"

Write-Host "== PyInstaller (one-folder bundle), version $version"
& $python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installers\interfant-desktop.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

Write-Host "== smoke test of the bundle"
$env:QT_QPA_PLATFORM = "offscreen"
& "dist\interfant-desktop\interfant-desktop-cli.exe" --smoke-test
if ($LASTEXITCODE -ne 0) { throw "the bundle's smoke test failed" }
Remove-Item Env:\QT_QPA_PLATFORM

Write-Host "== Inno Setup installer"
$iscc = if ($env:ISCC) { $env:ISCC } else { "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" "installers\windows\interfant-desktop.iss"
if ($LASTEXITCODE -ne 0) { throw "ISCC failed" }
Write-Host "wrote dist\interfant-desktop-$version-windows-x64-setup.exe"
