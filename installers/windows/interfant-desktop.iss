; Inno Setup 6 script for Interfant Desktop: a per-machine install of the PyInstaller
; one-folder bundle (dist\interfant-desktop), with a Start menu entry and a clean
; uninstall that keeps the users' databases unless the user asks otherwise.
;
; Build (on Windows, after installers\windows\build-windows.ps1 has built the bundle):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installers\windows\interfant-desktop.iss
; Output: dist\interfant-desktop-<version>-windows-x64-setup.exe
;
; Silent install for hospital IT (software distribution tools):
;   interfant-desktop-<version>-windows-x64-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Silent uninstall never deletes user data:
;   "C:\Program Files\Interfant Desktop\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES
;
; Where the data lives: each Windows user's SQLite database, logs and crash logs are in
; %LOCALAPPDATA%\interfant-desktop\interfant-desktop (platformdirs' user data folder for
; "interfant-desktop"); nothing is written under Program Files. A shared PostgreSQL
; database (--db / INTERFANT_DB) is never touched by this installer.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Interfant Desktop"
#define AppExe "interfant-desktop.exe"
#define AppCliExe "interfant-desktop-cli.exe"
#define BundleDir "..\..\dist\interfant-desktop"
#define DataFolderName "interfant-desktop"

[Setup]
; AppId identifies the product for upgrades and uninstall: never change it.
AppId={{6A0C9D0E-3B7F-4E0A-9C21-1F7E21A0D1B5}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Interfant Desktop project
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
; Per machine: installs under Program Files for every user, needs an administrator.
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
SetupIconFile=interfant-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir=..\..\dist
OutputBaseFilename=interfant-desktop-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
; Close a running copy before replacing its files (Restart Manager).
CloseApplications=yes
RestartApplications=no
; Offline: nothing is downloaded at install time.

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.DeleteDataQuestion=Also delete your Interfant Desktop data?%n%nThis folder holds your local database (patients, orders, audit trail), its backups, and the log files:%n%n%1%n%nChoose No to keep it (recommended): a later installation will use it again. If you choose Yes, the folder is deleted permanently; make a backup first (interfant-desktop-cli backup FILE). A shared PostgreSQL database is never affected.
english.DeleteDataFailed=The folder %1 could not be deleted completely (a file may be in use). Delete it by hand if you no longer need it.
english.SmokeTestIcon=Check the installation

[InstallDelete]
; An upgrade replaces the whole bundle so no library of an older version is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Interfant-21 decision support"
Name: "{autoprograms}\{#AppName} - {cm:SmokeTestIcon}"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#AppCliExe}"" --smoke-test"; WorkingDir: "{app}"; IconFilename: "{app}\{#AppExe}"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put there (and Python caches); never the users' data.
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"

[Code]
// The uninstaller runs as the administrator who started it, so {localappdata} is that
// account's data folder: the prompt shows the exact folder so nobody deletes blind.
function UserDataFolder(): String;
begin
  Result := ExpandConstant('{localappdata}\{#DataFolderName}');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  Folder := UserDataFolder();
  if not DirExists(Folder) then
    Exit;
  // Silent uninstalls (/SILENT, /VERYSILENT) keep the data: no question is asked and
  // the default answer of the suppressible box is No.
  if UninstallSilent then
    Exit;
  if SuppressibleMsgBox(FmtMessage(CustomMessage('DeleteDataQuestion'), [Folder]),
                        mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES then
  begin
    if not DelTree(Folder, True, True, True) then
      SuppressibleMsgBox(FmtMessage(CustomMessage('DeleteDataFailed'), [Folder]),
                         mbError, MB_OK, IDOK);
  end;
end;
