; The Windows installer of Khabarain Reader (قارئ خبرين), made on Linux by
; Debian's makensis: scripts/build-windows.sh passes VERSION, SRC (the folder
; with the cross-built programs) and OUTFILE.
;
; Written for this app rather than made by tauri's bundler: the bundler's
; NSIS template calls the nsis_tauri_utils plugin, which the bundler fetches
; from GitHub and checks by its SHA-1, and no package registry carries it.
; Everything here is NSIS's own, from the nsis package.
;
; Per user (no administrator), Arabic or English (the system's language
; first), a Start-menu entry named قارئ خبرين, an uninstaller in Windows'
; Apps list. The reader's data (%APPDATA%\Khabarain\KhabarainReader) is
; never touched: uninstalling leaves it.

Unicode true
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 64
RequestExecutionLevel user

!ifndef VERSION | SRC | OUTFILE
  !error "makensis -DVERSION=… -DSRC=… -DOUTFILE=… installer.nsi"
!endif

!define PRODUCT "Khabarain Reader"
!define PRODUCT_AR "قارئ خبرين"
!define IDENTIFIER "com.khabarain.reader"
!define PUBLISHER "The Khabarain Reader developers"
!define APP_EXE "khabarain-reader.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENTIFIER}"
!define SETTINGS_KEY "Software\${IDENTIFIER}"
; The Evergreen WebView2 runtime's product code (Microsoft's documentation,
; "Detect if a WebView2 Runtime is already installed").
!define WEBVIEW2_KEY "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_PAGE "https://developer.microsoft.com/microsoft-edge/webview2/"

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh

Name "$(ProductName)"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\${PRODUCT}"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} ${VERSION} (${PRODUCT_AR})"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "© 2026 ${PUBLISHER} — MIT OR Apache-2.0"

!define MUI_ICON "${SRC}\icon.ico"
!define MUI_UNICON "${SRC}\icon.ico"
!define MUI_ABORTWARNING
; The language asked is remembered for the uninstaller and the next update.
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${SETTINGS_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_LANGDLL_ALLLANGUAGES

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${SRC}\LICENSE-MIT"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Arabic"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString ProductName ${LANG_ARABIC} "${PRODUCT_AR}"
LangString ProductName ${LANG_ENGLISH} "${PRODUCT}"
LangString WebView2Missing ${LANG_ARABIC} "يحتاج ${PRODUCT_AR} إلى WebView2 Runtime من مايكروسوفت لعرض نافذته، وهو غير مثبّت على هذا الحاسوب (يأتي مع Windows 11 ومع Windows 10 المحدَّث).$\r$\nاكتمل التثبيت، لكن ثبّت WebView2 Runtime من صفحة مايكروسوفت قبل فتح التطبيق:$\r$\n${WEBVIEW2_PAGE}$\r$\n$\r$\nهل تفتح الصفحة الآن؟"
LangString WebView2Missing ${LANG_ENGLISH} "${PRODUCT} needs Microsoft's WebView2 Runtime to show its window, and it is not installed on this computer (Windows 11 and an up-to-date Windows 10 have it).$\r$\nThe app is installed; install the WebView2 Runtime from Microsoft's page before opening it:$\r$\n${WEBVIEW2_PAGE}$\r$\n$\r$\nOpen the page now?"
LangString WebView2Log ${LANG_ARABIC} "WebView2 Runtime غير مثبّت: ${WEBVIEW2_PAGE}"
LangString WebView2Log ${LANG_ENGLISH} "The WebView2 Runtime is not installed: ${WEBVIEW2_PAGE}"

LangString AppRunning ${LANG_ARABIC} "${PRODUCT_AR} مفتوح (أو تزامن يعمل من سطر الأوامر). أغلقه ثم اضغط «إعادة المحاولة»."
LangString AppRunning ${LANG_ENGLISH} "${PRODUCT} is open (or a sync is running from the command line). Close it, then choose Retry."

; A program that runs cannot be replaced or removed: before touching
; anything, each is opened for writing (which Windows refuses while it runs)
; and the reader is asked to close it, rather than left with half a folder.
!macro IF_RUNNING FILE
  ${If} ${FileExists} "${FILE}"
    ClearErrors
    FileOpen $0 "${FILE}" a
    ${If} ${Errors}
      StrCpy $1 "running"
    ${Else}
      FileClose $0
    ${EndIf}
  ${EndIf}
!macroend
!macro CLOSED_FIRST UN
Function ${UN}ClosedFirst
  retry:
  StrCpy $1 ""
  !insertmacro IF_RUNNING "$INSTDIR\${APP_EXE}"
  !insertmacro IF_RUNNING "$INSTDIR\khabarain.exe"
  ${If} $1 != ""
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" /SD IDCANCEL IDRETRY retry
    Abort "$(AppRunning)"
  ${EndIf}
FunctionEnd
!macroend
!insertmacro CLOSED_FIRST ""
!insertmacro CLOSED_FIRST "un."

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

; The runtime is machine-wide (HKLM) or the user's own (HKCU); a version of
; "0.0.0.0" or none means it is not there.
Function WebView2Check
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_KEY}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_KEY}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ; Nothing is downloaded: offline this installs all the same, and the app
    ; says the same when it is opened without the runtime.
    DetailPrint "$(WebView2Log)"
    MessageBox MB_YESNO|MB_ICONINFORMATION "$(WebView2Missing)" /SD IDNO IDNO +2
      ExecShell "open" "${WEBVIEW2_PAGE}"
  ${EndIf}
FunctionEnd

Section "-install"
  SetOutPath "$INSTDIR"
  Call ClosedFirst
  File "${SRC}\${APP_EXE}"
  File "${SRC}\khabarain.exe"
  File "${SRC}\WebView2Loader.dll"
  File "${SRC}\LICENSE-MIT"
  File "${SRC}\LICENSE-APACHE"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCT_AR}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 \
    SW_SHOWNORMAL "" "${PRODUCT}"

  WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT_AR} (${PRODUCT})"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$\"$INSTDIR\${APP_EXE}$\""
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0

  Call WebView2Check
SectionEnd

Section "Uninstall"
  ; Only what the installer put here: the folder goes only if it is then
  ; empty, and the data folder in %APPDATA% stays.
  Call un.ClosedFirst
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\khabarain.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\LICENSE-MIT"
  Delete "$INSTDIR\LICENSE-APACHE"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT_AR}.lnk"
  ; The login item, if the reader turned it on (tauri-plugin-autostart
  ; writes it under the app's name).
  DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "${PRODUCT}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"
SectionEnd
