<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountSwitcher</name>
    <message>
        <location filename="../../claimdesk/ui/account_switcher.py" line="24"/>
        <source>The ORCID record shown</source>
        <translation>Der angezeigte ORCID-Datensatz</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/account_switcher.py" line="43"/>
        <source> — reconnect needed</source>
        <translation> — Neuverbindung nötig</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/account_switcher.py" line="71"/>
        <source>Production ORCID: changes are real</source>
        <translation>ORCID-Produktion: Änderungen sind echt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/account_switcher.py" line="72"/>
        <source>ORCID&apos;s sandbox: test records only</source>
        <translation>ORCID-Sandbox: nur Testdatensätze</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/account_switcher.py" line="73"/>
        <source>Demo: a local sandbox on this computer; nothing leaves it</source>
        <translation>Demo: eine lokale Sandbox auf diesem Computer; nichts verlässt ihn</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/account_switcher.py" line="74"/>
        <source>A local claimdesk sandbox</source>
        <translation>Eine lokale claimdesk-Sandbox</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/account_switcher.py" line="94"/>
        <source>Reconnect…</source>
        <translation>Neu verbinden…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/account_switcher.py" line="96"/>
        <source>Sign in with another ORCID iD…</source>
        <translation>Mit einer anderen ORCID-iD anmelden…</translation>
    </message>
</context>
<context>
    <name>AccountsController</name>
    <message>
        <location filename="../../claimdesk/ui/accounts_menu.py" line="258"/>
        <location filename="../../claimdesk/ui/accounts_menu.py" line="264"/>
        <source>Sign out</source>
        <extracomment>a sign-in or reconnect finished: (Account, Settings) a sign-out finished: the SignOut result</extracomment>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/accounts_menu.py" line="259"/>
        <source>Sign out %s?</source>
        <translation>%s abmelden?</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/accounts_menu.py" line="261"/>
        <source>claimdesk revokes its access at ORCID and forgets the sign-in on this computer. Your ORCID record is not changed.</source>
        <translation>claimdesk widerruft seinen Zugriff bei ORCID und vergisst die Anmeldung auf diesem Computer. Ihr ORCID-Datensatz wird nicht verändert.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/accounts_menu.py" line="283"/>
        <source>Signing out %s…</source>
        <translation>%s wird abgemeldet…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/accounts_menu.py" line="305"/>
        <source>Could not sign out %s: %s</source>
        <translation>%s konnte nicht abgemeldet werden: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/accounts_menu.py" line="333"/>
        <source>Settings saved. Sign in with ORCID to open your own record.</source>
        <translation>Einstellungen gespeichert. Melden Sie sich mit ORCID an, um Ihren eigenen Datensatz zu öffnen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/accounts_menu.py" line="335"/>
        <source>Sign in…</source>
        <translation>Anmelden…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/accounts_menu.py" line="338"/>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/accounts_menu.py" line="346"/>
        <source>This is a demo: a built-in sandbox on this computer with a sample researcher&apos;s record; nothing you do here reaches ORCID. Without any account you can look at any public ORCID record and add missing works yourself (the Public record tab). Claiming under claimdesk&apos;s name needs an ORCID member organisation (often your library): it provides a site file &lt;code&gt;claimdesk.toml&lt;/code&gt; with its client id, and the client secret goes in this computer&apos;s keyring through Settings. &lt;a href=&apos;%s&apos;&gt;ORCID&apos;s Member API&lt;/a&gt;.</source>
        <translation>Dies ist eine Demo: eine eingebaute Sandbox auf diesem Computer mit dem Datensatz einer Beispielforscherin; nichts, was Sie hier tun, erreicht ORCID. Ohne Konto können Sie jeden öffentlichen ORCID-Datensatz ansehen und fehlende Werke selbst hinzufügen (Reiter „Öffentlicher Datensatz“). Werke unter dem Namen von claimdesk zu beanspruchen, erfordert eine ORCID-Mitgliedsorganisation (oft Ihre Bibliothek): Sie stellt eine Standortdatei &lt;code&gt;claimdesk.toml&lt;/code&gt; mit ihrer Client-ID bereit, und das Client-Geheimnis kommt über die Einstellungen in den Schlüsselbund dieses Computers. &lt;a href=&apos;%s&apos;&gt;ORCIDs Member API&lt;/a&gt;.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/accounts_menu.py" line="356"/>
        <source>Getting started…</source>
        <translation>Erste Schritte…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/accounts_menu.py" line="389"/>
        <source>Reconnect %s…</source>
        <translation>%s neu verbinden…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/accounts_menu.py" line="391"/>
        <source>Sign out %s…</source>
        <translation>%s abmelden…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/accounts_menu.py" line="393"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
</context>
<context>
    <name>ClaimProgressDialog</name>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="149"/>
        <source>Claiming works — claimdesk</source>
        <extracomment>The first requests of a claim from the window are small, so that Cancel, which lets the request in flight finish, can still stop most of a claim of a few dozen works.</extracomment>
        <translation>Werke beanspruchen — claimdesk</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="155"/>
        <source>Adding %d works to %s</source>
        <translation>%d Werke werden zu %s hinzugefügt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="157"/>
        <source>Adding 1 work to %s</source>
        <translation>1 Werk wird zu %s hinzugefügt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="166"/>
        <source>%v of %m sent</source>
        <translation>%v von %m gesendet</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="175"/>
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="175"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="175"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="186"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="187"/>
        <source>Finish the request in flight and send no more</source>
        <translation>Die laufende Anfrage beenden und nichts weiter senden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="189"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="208"/>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="240"/>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="169"/>
        <source>Sending: a few works first, then requests of up to %d…</source>
        <translation>Senden: zuerst wenige Werke, dann Anfragen zu höchstens %d…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="242"/>
        <source>The connection to ORCID was lost: %s</source>
        <translation>Die Verbindung zu ORCID ist abgebrochen: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="245"/>
        <source>ORCID no longer accepts this sign-in; reconnect and claim again.</source>
        <translation>ORCID akzeptiert diese Anmeldung nicht mehr; verbinden Sie neu und beanspruchen Sie erneut.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="251"/>
        <source> 1 request sent.</source>
        <translation> 1 Anfrage gesendet.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="253"/>
        <source> %d requests sent.</source>
        <translation> %d Anfragen gesendet.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="267"/>
        <source>Cancel came too late: all %d works had already been sent to ORCID.</source>
        <translation>Abbrechen kam zu spät: Alle %d Werke waren bereits an ORCID gesendet.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="270"/>
        <source>Cancelled: %d works had already been sent to ORCID (the request in flight finished); the other %d were not sent and stay in History to send later.</source>
        <translation>Abgebrochen: %d Werke waren bereits an ORCID gesendet (die laufende Anfrage wurde beendet); die übrigen %d wurden nicht gesendet und bleiben im Verlauf, um sie später zu senden.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="276"/>
        <source>Nothing more was sent: %s</source>
        <translation>Nichts weiter wurde gesendet: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="286"/>
        <source>Stopping after the request in flight…</source>
        <translation>Wird nach der laufenden Anfrage angehalten…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="310"/>
        <source>%d claimed</source>
        <translation>%d beansprucht</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="311"/>
        <source>%d already on the record</source>
        <translation>%d bereits im Datensatz</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="312"/>
        <source>%d failed</source>
        <translation>%d fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="315"/>
        <source>%d pending</source>
        <translation>%d ausstehend</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="317"/>
        <source>%d not sent</source>
        <translation>%d nicht gesendet</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/claim_progress.py" line="319"/>
        <source>%d skipped</source>
        <translation>%d übersprungen</translation>
    </message>
</context>
<context>
    <name>CuratorModel</name>
    <message>
        <location filename="../../claimdesk/ui/curator_model.py" line="58"/>
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_model.py" line="59"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_model.py" line="60"/>
        <source>ORCID iD</source>
        <translation>ORCID-iD</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_model.py" line="61"/>
        <source>Round trip</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_model.py" line="62"/>
        <source>On the record from</source>
        <translation>Im Datensatz von</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_model.py" line="63"/>
        <source>Version/part</source>
        <translation>Version/Teil</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_model.py" line="64"/>
        <source>Authenticated</source>
        <translation>Authentifiziert</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_model.py" line="122"/>
        <source>Crossref authenticated-orcid: the publisher got the iD through an ORCID sign-in</source>
        <translation>Crossref authenticated-orcid: Der Verlag hat die iD über eine ORCID-Anmeldung erhalten</translation>
    </message>
</context>
<context>
    <name>CuratorView</name>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="66"/>
        <source>DataCite repository</source>
        <extracomment>(input kind, label, placeholder)</extracomment>
        <translation>DataCite-Repositorium</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="67"/>
        <source>e.g. brown.bdr</source>
        <translation>z. B. brown.bdr</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="71"/>
        <source>DOI prefix</source>
        <translation>DOI-Präfix</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="72"/>
        <source>e.g. 10.80555</source>
        <translation>z. B. 10.80555</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="76"/>
        <source>DOI list file</source>
        <translation>Datei mit DOI-Liste</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="77"/>
        <source>A text, CSV, RIS or BibTeX file of DOIs</source>
        <translation>Eine Text-, CSV-, RIS- oder BibTeX-Datei mit DOIs</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="81"/>
        <source>One DOI</source>
        <translation>Eine DOI</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="82"/>
        <source>e.g. 10.80555/c.0001</source>
        <translation>z. B. 10.80555/c.0001</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="87"/>
        <source>All</source>
        <extracomment>(category or None for all, button label)</extracomment>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="88"/>
        <source>Missing on ORCID</source>
        <translation>Fehlt bei ORCID</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="89"/>
        <source>On ORCID but not in metadata</source>
        <translation>Bei ORCID, aber nicht in den Metadaten</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="90"/>
        <source>In both</source>
        <translation>In beiden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="91"/>
        <source>Record not readable</source>
        <translation>Datensatz nicht lesbar</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="92"/>
        <source>Not checked yet</source>
        <translation>Noch nicht geprüft</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="286"/>
        <source>Browse…</source>
        <extracomment>the records open in the window (a push writes to them through their own client) the last run was cancelled or broke off: Resume can finish it the ingested data files the round trip answers from (None: ask ORCID)</extracomment>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="288"/>
        <source>Run round trip</source>
        <translation>Abgleich starten</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="291"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="293"/>
        <source>Finish the cancelled run without asking ORCID again for what it already knows</source>
        <translation>Den abgebrochenen Lauf beenden, ohne ORCID erneut nach Bekanntem zu fragen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="296"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="298"/>
        <location filename="../../claimdesk/ui/curator_view.py" line="466"/>
        <source>Data files…</source>
        <translation>Datendateien…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="302"/>
        <source>Answer from ORCID&apos;s and DataCite&apos;s public data files, ingested with `claimdesk dumps ingest`, instead of asking ORCID (needs claimdesk[scale])</source>
        <translation>Aus den öffentlichen Datendateien von ORCID und DataCite antworten, eingelesen mit `claimdesk dumps ingest`, statt ORCID zu fragen (erfordert claimdesk[scale])</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="348"/>
        <source>Filter: DOI, iD, title, source</source>
        <translation>Filter: DOI, iD, Titel, Quelle</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="360"/>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="362"/>
        <source>Export JSON…</source>
        <translation>JSON exportieren…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="364"/>
        <source>Include versions and parts</source>
        <translation>Versionen und Teile einbeziehen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="366"/>
        <source>DOIs that are a version or part of another DOI are skipped unless this is on</source>
        <translation>DOIs, die eine Version oder ein Teil einer anderen DOI sind, werden übersprungen, solange dies nicht eingeschaltet ist</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="368"/>
        <source>Push…</source>
        <translation>Übertragen…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="371"/>
        <source>Add the DOIs missing on ORCID to the records of researchers who gave permission; the plan is shown first</source>
        <translation>Die bei ORCID fehlenden DOIs zu den Datensätzen der Forschenden hinzufügen, die es erlaubt haben; der Plan wird zuerst gezeigt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="426"/>
        <source>DOI list</source>
        <translation>DOI-Liste</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="428"/>
        <source>DOI lists (*.txt *.csv *.ris *.bib *.bibtex);;All files (*)</source>
        <translation>DOI-Listen (*.txt *.csv *.ris *.bib *.bibtex);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="451"/>
        <source>The round trip from the public data files needs claimdesk&apos;s &apos;scale&apos; extra (DuckDB, pyarrow). %s</source>
        <translation>Der Abgleich aus den öffentlichen Datendateien erfordert claimdesks Zusatz „scale“ (DuckDB, pyarrow). %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="460"/>
        <source>Folder of the ingested data files</source>
        <translation>Ordner der eingelesenen Datendateien</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="466"/>
        <source>Data files: %s</source>
        <translation>Datendateien: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="477"/>
        <source>Say what to check first.</source>
        <translation>Geben Sie zuerst an, was geprüft werden soll.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="503"/>
        <source>Collecting the DOIs&apos; metadata…</source>
        <translation>Metadaten der DOIs werden gesammelt…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="520"/>
        <source>Querying the data files…</source>
        <translation>Die Datendateien werden abgefragt…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="531"/>
        <source>Cancelling after the requests in flight…</source>
        <translation>Wird nach den laufenden Anfragen abgebrochen…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="539"/>
        <source>Collecting the DOIs&apos; metadata: %d DOIs so far</source>
        <translation>Metadaten der DOIs werden gesammelt: bisher %d DOIs</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="545"/>
        <source>Asking ORCID: %d of %d record reads and searches</source>
        <translation>ORCID wird gefragt: %d von %d Datensatzabrufen und Suchen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="558"/>
        <source>The round trip stopped: %s. What was learnt is kept; Resume continues.</source>
        <translation>Der Abgleich wurde angehalten: %s. Das bisher Ermittelte bleibt erhalten; „Fortsetzen“ macht weiter.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="572"/>
        <source>Cancelled: the report below is partial. Resume finishes it without asking ORCID again for what it already answered.</source>
        <translation>Abgebrochen: Der Bericht unten ist unvollständig. „Fortsetzen“ vervollständigt ihn, ohne ORCID erneut nach bereits Beantwortetem zu fragen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="579"/>
        <source>%d DOIs have no metadata in DataCite or Crossref: %s</source>
        <translation>%d DOIs haben keine Metadaten bei DataCite oder Crossref: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="586"/>
        <source>%d ORCID records could not be read (deactivated, private or missing); their pairs are listed as “record not readable”.</source>
        <translation>%d ORCID-Datensätze konnten nicht gelesen werden (deaktiviert, privat oder nicht vorhanden); ihre Paare sind als „Datensatz nicht lesbar“ aufgeführt.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="598"/>
        <source>Check which ORCID records list the DOIs whose metadata names them — and which records list DOIs whose metadata does not.</source>
        <translation>Prüfen, welche ORCID-Datensätze die DOIs aufführen, deren Metadaten sie nennen — und welche Datensätze DOIs aufführen, deren Metadaten sie nicht nennen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="623"/>
        <source>DOIs</source>
        <translation>DOIs</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="624"/>
        <source>ORCID iDs</source>
        <translation>ORCID-iDs</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="625"/>
        <source>pairs</source>
        <translation>Paare</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="626"/>
        <source>in both</source>
        <translation>in beiden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="627"/>
        <source>missing on ORCID</source>
        <translation>fehlt bei ORCID</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="629"/>
        <source>on ORCID but not in metadata</source>
        <translation>bei ORCID, aber nicht in den Metadaten</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="636"/>
        <source>not readable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="638"/>
        <source>DOIs in neither</source>
        <translation>DOIs in keinem von beiden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="640"/>
        <source>DOIs without metadata</source>
        <translation>DOIs ohne Metadaten</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="643"/>
        <source>metadata problems (in the JSON export)</source>
        <translation>Metadatenprobleme (im JSON-Export)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="645"/>
        <source>complete</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="645"/>
        <source>partial — resume to finish</source>
        <translation>unvollständig — zum Abschließen fortsetzen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="666"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="666"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="668"/>
        <source>Export the round trip</source>
        <translation>Abgleich exportieren</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="686"/>
        <source>Exported %d pairs to %s.</source>
        <translation>%d Paare nach %s exportiert.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="689"/>
        <source>Could not export to %s: %s</source>
        <translation>Export nach %s nicht möglich: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="721"/>
        <source>Could not plan the push: %s</source>
        <translation>Die Übertragung konnte nicht geplant werden: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="738"/>
        <source>Adding %d works…</source>
        <translation>%d Werke werden hinzugefügt…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="758"/>
        <source>Added %d of %d works (now: %s)</source>
        <translation>%d von %d Werken hinzugefügt (jetzt: %s)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="764"/>
        <source>Push finished:</source>
        <translation>Übertragung abgeschlossen:</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="764"/>
        <source>Push finished with problems:</source>
        <translation>Übertragung mit Problemen abgeschlossen:</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="776"/>
        <source>… and %d more (see History)</source>
        <translation>… und %d weitere (siehe Verlauf)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="781"/>
        <source>The push stopped: %s</source>
        <translation>Die Übertragung wurde angehalten: %s</translation>
    </message>
</context>
<context>
    <name>DetailsFetcher</name>
    <message>
        <location filename="../../claimdesk/ui/details_pane.py" line="93"/>
        <source>ORCID no longer accepts this sign-in; reconnect to read them.</source>
        <extracomment>why a work could not be read (a failed read, a sign-in ORCID no longer accepts)</extracomment>
        <translation>ORCID akzeptiert diese Anmeldung nicht mehr; verbinden Sie neu, um sie zu lesen.</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../claimdesk/ui/details_pane.py" line="149"/>
        <source>Select a work to see its details.</source>
        <translation>Wählen Sie ein Werk aus, um seine Details zu sehen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/details_pane.py" line="237"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/details_pane.py" line="241"/>
        <source>Display index</source>
        <translation>Anzeigeindex</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/details_pane.py" line="243"/>
        <source>preferred</source>
        <translation>bevorzugt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/details_pane.py" line="245"/>
        <source>Put-code</source>
        <translation>Put-Code</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/details_pane.py" line="246"/>
        <source>Visibility</source>
        <translation>Sichtbarkeit</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/details_pane.py" line="247"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/details_pane.py" line="248"/>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="169"/>
        <source>Edit work — %s</source>
        <translation>Werk bearbeiten — %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="176"/>
        <source>YYYY, YYYY-MM or YYYY-MM-DD</source>
        <translation>JJJJ, JJJJ-MM oder JJJJ-MM-TT</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="182"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="182"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="182"/>
        <source>Relationship</source>
        <translation>Beziehung</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="182"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="191"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="191"/>
        <source>ORCID iD</source>
        <translation>ORCID-iD</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="191"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="191"/>
        <source>Sequence</source>
        <translation>Reihenfolge</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="203"/>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="204"/>
        <source>S&amp;ubtitle</source>
        <translation>&amp;Untertitel</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="205"/>
        <source>T&amp;ype</source>
        <translation>T&amp;yp</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="206"/>
        <source>Publication &amp;date</source>
        <translation>&amp;Veröffentlichungsdatum</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="207"/>
        <source>&amp;Journal</source>
        <translation>&amp;Zeitschrift</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="208"/>
        <source>U&amp;RL</source>
        <translation>U&amp;RL</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="209"/>
        <source>Identifiers</source>
        <translation>Kennungen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="210"/>
        <source>Contributors</source>
        <translation>Beitragende</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="211"/>
        <source>Short de&amp;scription</source>
        <translation>&amp;Kurzbeschreibung</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="303"/>
        <source>The publication date %s.</source>
        <translation>Das Veröffentlichungsdatum %s.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="335"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="335"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="73"/>
        <source>When</source>
        <extracomment>Most recent claims shown (the journal keeps every one).</extracomment>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="74"/>
        <source>ORCID iD</source>
        <translation>ORCID-iD</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="75"/>
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="76"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="77"/>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="78"/>
        <source>Put-code</source>
        <translation>Put-Code</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="79"/>
        <source>Error / note</source>
        <translation>Fehler / Hinweis</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="179"/>
        <source>ORCID refused it (no reason given)</source>
        <translation>ORCID hat es abgelehnt (ohne Begründung)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="186"/>
        <source>sent %d times</source>
        <translation>%d-mal gesendet</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="187"/>
        <source>environment: %s</source>
        <translation>Umgebung: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="190"/>
        <source>First written %s, last changed %s</source>
        <translation>Zuerst geschrieben %s, zuletzt geändert %s</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="281"/>
        <source>Filter: DOI, title, ORCID iD, error</source>
        <extracomment>the journal was read again (rows are current) a retry or resume run has ended (its RunResult) the data folder of the journal shown (the demo has its own)</extracomment>
        <translation>Filter: DOI, Titel, ORCID-iD, Fehler</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="284"/>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="285"/>
        <source>Read the claim journal again</source>
        <translation>Das Anspruchsprotokoll neu lesen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="287"/>
        <location filename="../../claimdesk/ui/history_view.py" line="414"/>
        <source>Send again</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="291"/>
        <source>%v of %m</source>
        <translation>%v von %m</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="293"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="294"/>
        <source>Finish the request in flight, then send no more</source>
        <translation>Die laufende Anfrage beenden, dann nichts weiter senden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="300"/>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="381"/>
        <source>Could not read the claim journal: %s</source>
        <translation>Das Anspruchsprotokoll konnte nicht gelesen werden: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="402"/>
        <source>claim</source>
        <translation>Anspruch</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="402"/>
        <source>claims</source>
        <translation>Ansprüche</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="405"/>
        <source>%d edits and deletes</source>
        <translation>%d Bearbeitungen und Löschungen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="407"/>
        <source>1 edit or delete</source>
        <translation>1 Bearbeitung oder Löschung</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="414"/>
        <source>Send again (%d)</source>
        <translation>Erneut senden (%d)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="423"/>
        <source>No failed or cancelled claims for %s</source>
        <translation>Keine fehlgeschlagenen oder abgebrochenen Ansprüche für %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="426"/>
        <source>Send the %d failed or cancelled claims of %s again</source>
        <translation>Die %d fehlgeschlagenen oder abgebrochenen Ansprüche von %s erneut senden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="417"/>
        <source>A run is in progress</source>
        <translation>Ein Lauf ist im Gange</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="97"/>
        <source>All claims</source>
        <extracomment>(label, state or None for all) in the state filter</extracomment>
        <translation>Alle Ansprüche</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="98"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="99"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="100"/>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="101"/>
        <source>To send</source>
        <translation>Zu senden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="102"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="103"/>
        <source>Edited</source>
        <translation>Bearbeitet</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="104"/>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="315"/>
        <source>&lt;p style=&apos;font-size:15px&apos;&gt;&lt;b&gt;No claims yet&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Every DOI claimdesk sends to ORCID is written here first: when, for which ORCID iD, and how it ended. Failed and cancelled claims can be sent again from here. Edits and deletes of claimdesk&apos;s works are listed too.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:15px&apos;&gt;&lt;b&gt;Noch keine Ansprüche&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Jede DOI, die claimdesk an ORCID sendet, wird zuerst hier festgehalten: wann, für welche ORCID-iD und wie es ausging. Fehlgeschlagene und abgebrochene Ansprüche können von hier aus erneut gesendet werden. Bearbeitungen und Löschungen der Werke von claimdesk stehen ebenfalls hier.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="419"/>
        <source>Open an ORCID record first</source>
        <translation>Öffnen Sie zuerst einen ORCID-Datensatz</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="421"/>
        <source>Reconnect the account first</source>
        <translation>Verbinden Sie das Konto zuerst neu</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="525"/>
        <source>ORCID no longer accepts the sign-in; the claims are kept and resume after you reconnect.</source>
        <translation>ORCID akzeptiert die Anmeldung nicht mehr; die Ansprüche bleiben erhalten und werden nach dem Neuverbinden fortgesetzt.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="529"/>
        <source>Reconnect…</source>
        <translation>Neu verbinden…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="534"/>
        <source>Failed claims sent again</source>
        <translation>Fehlgeschlagene Ansprüche erneut gesendet</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="536"/>
        <source>Claims that were waiting for the reconnect</source>
        <translation>Ansprüche, die auf das Neuverbinden gewartet haben</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/history_view.py" line="544"/>
        <source>The claims were not sent: %s</source>
        <translation>Die Ansprüche wurden nicht gesendet: %s</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="111"/>
        <source>&amp;Refresh</source>
        <extracomment>The message bar&apos;s topic for what the last read of the record said.</extracomment>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="114"/>
        <source>Read the record from ORCID again</source>
        <translation>Den Datensatz erneut von ORCID lesen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="117"/>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="120"/>
        <source>Filter works by title, identifier, source or year</source>
        <translation>Werke nach Titel, Kennung, Quelle oder Jahr filtern</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="122"/>
        <source>E&amp;xpand all groups</source>
        <translation>Alle Gruppen &amp;aufklappen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="124"/>
        <source>&amp;Collapse all groups</source>
        <translation>Alle Gruppen &amp;zuklappen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="126"/>
        <source>&amp;About claimdesk</source>
        <translation>Ü&amp;ber claimdesk</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="128"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="131"/>
        <source>ORCID client, redirect ports and other settings</source>
        <translation>ORCID-Client, Weiterleitungsports und weitere Einstellungen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="135"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="147"/>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="163"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="183"/>
        <source>Works</source>
        <translation>Werke</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="195"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="208"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="218"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="224"/>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="226"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="348"/>
        <source>The ORCID sign-in for %s is no longer valid (it was revoked or has expired). The works below are the last copy claimdesk saw; reconnect to refresh or change them.</source>
        <translation>Die ORCID-Anmeldung für %s ist nicht mehr gültig (sie wurde widerrufen oder ist abgelaufen). Die Werke unten sind die letzte Kopie, die claimdesk gesehen hat; verbinden Sie neu, um sie zu aktualisieren oder zu ändern.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="354"/>
        <source>Reconnect…</source>
        <translation>Neu verbinden…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="359"/>
        <source> Showing the copy saved %s (read-only).</source>
        <translation> Angezeigt wird die gespeicherte Kopie vom %s (nur lesbar).</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="363"/>
        <source>Could not refresh from ORCID: %s</source>
        <translation>Aktualisierung von ORCID nicht möglich: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="365"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="387"/>
        <source>Reading the record from ORCID…</source>
        <translation>Der Datensatz wird von ORCID gelesen…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="389"/>
        <source>Saved copy from %s</source>
        <translation>Gespeicherte Kopie vom %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="390"/>
        <location filename="../../claimdesk/ui/main_window.py" line="394"/>
        <source> — refreshing…</source>
        <translation> — wird aktualisiert…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="390"/>
        <source> — stale</source>
        <translation> — veraltet</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="392"/>
        <source>Refreshed %s</source>
        <translation>Aktualisiert %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="396"/>
        <source>Refreshing…</source>
        <translation>Wird aktualisiert…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="414"/>
        <source>About claimdesk</source>
        <translation>Über claimdesk</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="416"/>
        <source>&lt;h3&gt;claimdesk %s&lt;/h3&gt;&lt;p&gt;See your ORCID works as ORCID groups them, claim DOIs from DataCite and Crossref, and look after the works claimdesk added.&lt;/p&gt;&lt;p&gt;Qt %s · PySide6 %s&lt;/p&gt;&lt;p&gt;Log file: %s&lt;/p&gt;</source>
        <translation>&lt;h3&gt;claimdesk %s&lt;/h3&gt;&lt;p&gt;Sehen Sie Ihre ORCID-Werke so, wie ORCID sie gruppiert, beanspruchen Sie DOIs von DataCite und Crossref und pflegen Sie die Werke, die claimdesk hinzugefügt hat.&lt;/p&gt;&lt;p&gt;Qt %s · PySide6 %s&lt;/p&gt;&lt;p&gt;Protokolldatei: %s&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/main_window.py" line="421"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../../claimdesk/commands/gui.py" line="219"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location filename="../../claimdesk/commands/gui.py" line="221"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../claimdesk/commands/gui.py" line="222"/>
        <source>Public record</source>
        <translation>Öffentlicher Datensatz</translation>
    </message>
    <message>
        <location filename="../../claimdesk/commands/gui.py" line="224"/>
        <source>Curator</source>
        <translation>Kuratierung</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../claimdesk/ui/message_bar.py" line="54"/>
        <source>Dismiss</source>
        <extracomment>How long success news stays (ms), and with an action button to press. How long the fade-out takes (ms).</extracomment>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>PublicView</name>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="86"/>
        <source>ORCID iD, e.g. 0000-0002-1825-0097 or its URL</source>
        <extracomment>Columns of the works tree worth showing for somebody else&apos;s record.</extracomment>
        <translation>ORCID-iD, z. B. 0000-0002-1825-0097 oder ihre URL</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="89"/>
        <source>Show public works</source>
        <translation>Öffentliche Werke zeigen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="93"/>
        <source>ORCID iD:</source>
        <translation>ORCID-iD:</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="99"/>
        <source>Anyone&apos;s public ORCID works, read from ORCID&apos;s Public API without signing in. Find the DOIs DataCite and Crossref list for the iD, then add the missing ones yourself — no member credentials needed.</source>
        <translation>Die öffentlichen ORCID-Werke beliebiger Personen, ohne Anmeldung über ORCIDs Public API gelesen. Finden Sie die DOIs, die DataCite und Crossref für die iD führen, und fügen Sie die fehlenden selbst hinzu — ohne Zugangsdaten einer Mitgliedsorganisation.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="131"/>
        <source>Find missing DOIs</source>
        <translation>Fehlende DOIs finden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="133"/>
        <source>Search DataCite and Crossref for DOIs that name this iD</source>
        <translation>DataCite und Crossref nach DOIs durchsuchen, die diese iD nennen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="145"/>
        <source>Save BibTeX for ORCID import…</source>
        <translation>BibTeX für den ORCID-Import speichern…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="148"/>
        <source>Write the DOIs not on the record as a BibTeX file for orcid.org&apos;s Works → Add → Import BibTeX</source>
        <translation>Die nicht im Datensatz enthaltenen DOIs als BibTeX-Datei für orcid.org (Werke → Hinzufügen → BibTeX importieren) schreiben</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="153"/>
        <source>Open ORCID&apos;s Add works page</source>
        <translation>ORCIDs Seite „Werke hinzufügen“ öffnen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="155"/>
        <source>Claim DataCite DOIs on DataCite Commons…</source>
        <translation>DataCite-DOIs bei DataCite Commons beanspruchen…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="247"/>
        <source>Type or paste an ORCID iD first.</source>
        <translation>Geben Sie zuerst eine ORCID-iD ein oder fügen Sie sie ein.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="252"/>
        <source>Reading the public record…</source>
        <translation>Der öffentliche Datensatz wird gelesen…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="289"/>
        <source>(Anonymous because there is %s.)</source>
        <translation>(Anonym, denn es gibt %s.)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="292"/>
        <source>Public works of %s: %s in %s. </source>
        <translation>Öffentliche Werke von %s: %s in %s. </translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="295"/>
        <source>%d version</source>
        <translation>%d Version</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="295"/>
        <source>%d versions</source>
        <translation>%d Versionen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="296"/>
        <source>%d group</source>
        <translation>%d Gruppe</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="296"/>
        <source>%d groups</source>
        <translation>%d Gruppen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="304"/>
        <source>This record shows no public works. Find missing DOIs to see what exists.</source>
        <translation>Dieser Datensatz zeigt keine öffentlichen Werke. Suchen Sie fehlende DOIs, um zu sehen, was es gibt.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="315"/>
        <source>How to get a client…</source>
        <translation>Wie man einen Client bekommt…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="329"/>
        <source>Searching DataCite and Crossref for %s…</source>
        <translation>DataCite und Crossref werden nach %s durchsucht…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="356"/>
        <source>%d DOI found</source>
        <translation>%d DOI gefunden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="356"/>
        <source>%d DOIs found</source>
        <translation>%d DOIs gefunden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="357"/>
        <source>%d not on the public record</source>
        <translation>%d nicht im öffentlichen Datensatz</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="361"/>
        <source>(and %d versions or parts of other DOIs, left out)</source>
        <translation>(und %d Versionen oder Teile anderer DOIs, ausgelassen)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="365"/>
        <source>(%s could not be searched: %s)</source>
        <translation>(%s konnte nicht durchsucht werden: %s)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="376"/>
        <source>Save BibTeX for ORCID import</source>
        <translation>BibTeX für den ORCID-Import speichern</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="378"/>
        <source>BibTeX (*.bib)</source>
        <translation>BibTeX (*.bib)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="396"/>
        <source>Could not write %s: %s</source>
        <translation>%s konnte nicht geschrieben werden: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="401"/>
        <source>Saved 1 work to %s. On orcid.org, sign in, then Works → Add → Import BibTeX and choose this file. You will be the source of this work.</source>
        <translation>1 Werk in %s gespeichert. Melden Sie sich bei orcid.org an, wählen Sie Werke → Hinzufügen → BibTeX importieren und dann diese Datei. Sie werden die Quelle dieses Werks sein.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="406"/>
        <source>Saved %d works to %s. On orcid.org, sign in, then Works → Add → Import BibTeX and choose this file. You will be the source of these works.</source>
        <translation>%d Werke in %s gespeichert. Melden Sie sich bei orcid.org an, wählen Sie Werke → Hinzufügen → BibTeX importieren und dann diese Datei. Sie werden die Quelle dieser Werke sein.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="412"/>
        <source>Open orcid.org</source>
        <translation>orcid.org öffnen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="432"/>
        <source>Claim on DataCite Commons</source>
        <translation>Bei DataCite Commons beanspruchen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/public_view.py" line="435"/>
        <source>Open each DOI on DataCite Commons, sign in there with ORCID and press &quot;Add to ORCID Record&quot;. %s</source>
        <translation>Öffnen Sie jede DOI bei DataCite Commons, melden Sie sich dort mit ORCID an und drücken Sie „Add to ORCID Record“. %s</translation>
    </message>
</context>
<context>
    <name>PushPlanDialog</name>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="39"/>
        <source>Push to ORCID records — claimdesk</source>
        <translation>An ORCID-Datensätze übertragen — claimdesk</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="44"/>
        <source>Add %s to %s</source>
        <translation>%s zu %s hinzufügen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="47"/>
        <source>Nothing can be added yet</source>
        <translation>Noch kann nichts hinzugefügt werden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="55"/>
        <source>%s to give permission first: send them the authorization link.</source>
        <translation>%s müssen zuerst die Erlaubnis geben: Schicken Sie ihnen den Autorisierungslink.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="58"/>
        <source>Every researcher concerned has given permission.</source>
        <translation>Alle betroffenen Forschenden haben die Erlaubnis gegeben.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="62"/>
        <source>Only researchers who signed in to claimdesk on this computer (and allowed it to add works) can have works added. %s Nothing is ever deleted by a push.</source>
        <translation>Werke können nur zu Forschenden hinzugefügt werden, die sich auf diesem Computer bei claimdesk angemeldet (und das Hinzufügen erlaubt) haben. %s Eine Übertragung löscht nie etwas.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="70"/>
        <source>Researcher / DOI</source>
        <translation>Forschende / DOI</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="70"/>
        <source>Works</source>
        <translation>Werke</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="82"/>
        <location filename="../../claimdesk/ui/push_dialog.py" line="115"/>
        <source>ORCID iD</source>
        <translation>ORCID-iD</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="82"/>
        <source>DOIs</source>
        <translation>DOIs</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="82"/>
        <location filename="../../claimdesk/ui/push_dialog.py" line="115"/>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="82"/>
        <source>Authorization link</source>
        <translation>Autorisierungslink</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="87"/>
        <source>none to send: use a permissions service (claimdesk serve)</source>
        <translation>keiner zu senden: Nutzen Sie einen Berechtigungsdienst (claimdesk serve)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="99"/>
        <source>Copy authorization link</source>
        <translation>Autorisierungslink kopieren</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="102"/>
        <source>The same link serves every researcher: they sign in with ORCID and allow claimdesk to add works</source>
        <translation>Derselbe Link dient allen Forschenden: Sie melden sich mit ORCID an und erlauben claimdesk, Werke hinzuzufügen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="115"/>
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="121"/>
        <source>Works to add (%d)</source>
        <translation>Hinzuzufügende Werke (%d)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="123"/>
        <source>Needs permission (%d)</source>
        <translation>Erlaubnis nötig (%d)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="125"/>
        <source>Skipped (%d)</source>
        <translation>Übersprungen (%d)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="131"/>
        <source>Add %s</source>
        <translation>%s hinzufügen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="131"/>
        <source>Add works</source>
        <translation>Werke hinzufügen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/push_dialog.py" line="150"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>RecordModel</name>
    <message>
        <location filename="../../claimdesk/ui/record_model.py" line="120"/>
        <source>No ORCID record is open</source>
        <extracomment>after any write to the record (edit, delete, claim, push), whatever its outcome</extracomment>
        <translation>Kein ORCID-Datensatz ist geöffnet</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/record_model.py" line="122"/>
        <source>Reconnect the account first: the ORCID sign-in is no longer valid</source>
        <translation>Verbinden Sie das Konto zuerst neu: Die ORCID-Anmeldung ist nicht mehr gültig</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/record_model.py" line="124"/>
        <source>Read-only: claimdesk cannot reach ORCID right now</source>
        <translation>Nur lesbar: claimdesk erreicht ORCID gerade nicht</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/record_model.py" line="126"/>
        <source>Wait for the refresh: the list shown is a saved copy</source>
        <translation>Warten Sie die Aktualisierung ab: Die angezeigte Liste ist eine gespeicherte Kopie</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <location filename="../../claimdesk/ui/search_model.py" line="63"/>
        <source>Claim status</source>
        <extracomment>ORCID&apos;s brand green: the signed-in researcher among the authors. Status colours (readable on light and dark palettes). Versions/parts, left out by default, are greyed. Authors shown before &quot;… and N more&quot;.</extracomment>
        <translation>Anspruchsstatus</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_model.py" line="64"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_model.py" line="65"/>
        <source>Authors</source>
        <translation>Autorinnen und Autoren</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_model.py" line="66"/>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_model.py" line="67"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_model.py" line="68"/>
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_model.py" line="69"/>
        <source>Found in</source>
        <translation>Gefunden in</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_model.py" line="390"/>
        <source>(untitled)</source>
        <extracomment>the words of a name search, to mark authors matched by name only</extracomment>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_model.py" line="420"/>
        <source>Open an ORCID record to see whether this DOI is on it</source>
        <translation>Öffnen Sie einen ORCID-Datensatz, um zu sehen, ob diese DOI darin steht</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_model.py" line="424"/>
        <source>A version or part of another DOI (%s)</source>
        <translation>Eine Version oder ein Teil einer anderen DOI (%s)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_model.py" line="429"/>
        <source>Not offered for claiming: %s</source>
        <translation>Nicht zum Beanspruchen angeboten: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_model.py" line="432"/>
        <source>Last claim: %s</source>
        <translation>Letzter Anspruch: %s</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="67"/>
        <source>My ORCID iD</source>
        <extracomment>(mode key, label) of the query box; &quot;dois&quot; is a pasted or imported list.</extracomment>
        <translation>Meine ORCID-iD</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="68"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="69"/>
        <source>Query</source>
        <translation>Suchanfrage</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="70"/>
        <source>DOI list</source>
        <translation>DOI-Liste</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="73"/>
        <source>0000-0002-1825-0097</source>
        <translation>0000-0002-1825-0097</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="74"/>
        <source>Family name, or Given Family</source>
        <translation>Nachname, oder Vorname Nachname</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="75"/>
        <source>Words from the title, the journal, the authors…</source>
        <translation>Wörter aus Titel, Zeitschrift, Autorenschaft…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="225"/>
        <source>What to look for</source>
        <extracomment>service → what went wrong, in words other things to say (unknown DOIs, DOIs that could not be looked up) works per bulk request (tests make it small to cancel mid-run) the message shown when re-reading the statuses failed (hidden by the next success)</extracomment>
        <translation>Wonach gesucht wird</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="236"/>
        <source>Paste DOIs in any form, one per line or mixed with text:
10.5555/12345678
https://doi.org/10.80555/c.0001
doi:10.5281/zenodo.12345</source>
        <translation>Fügen Sie DOIs in beliebiger Form ein, eine pro Zeile oder mit Text gemischt:
10.5555/12345678
https://doi.org/10.80555/c.0001
doi:10.5281/zenodo.12345</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="241"/>
        <source>Import file…</source>
        <translation>Datei importieren…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="242"/>
        <source>Read DOIs from a text, CSV, RIS or BibTeX file</source>
        <translation>DOIs aus einer Text-, CSV-, RIS- oder BibTeX-Datei lesen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="258"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="261"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="269"/>
        <source>in</source>
        <translation>in</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="302"/>
        <source>All results</source>
        <translation>Alle Ergebnisse</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="303"/>
        <source>Not on record</source>
        <translation>Nicht im Datensatz</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="304"/>
        <source>On record</source>
        <translation>Im Datensatz</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="309"/>
        <source>Filter results</source>
        <translation>Ergebnisse filtern</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="320"/>
        <source>Show:</source>
        <translation>Zeigen:</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="345"/>
        <source>Add claimdesk&apos;s version where other sources have it</source>
        <translation>claimdesks Version hinzufügen, wo andere Quellen sie haben</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="349"/>
        <source>ORCID groups versions of the same DOI; claimdesk&apos;s version is one you can edit later</source>
        <translation>ORCID gruppiert Versionen derselben DOI; claimdesks Version können Sie später bearbeiten</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="353"/>
        <source>Include versions and parts</source>
        <translation>Versionen und Teile einbeziehen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="356"/>
        <source>DOIs that are a version or part of another DOI (IsVersionOf, IsPartOf, IsIdenticalTo, IsPreviousVersionOf) are skipped unless this is on</source>
        <translation>DOIs, die eine Version oder ein Teil einer anderen DOI sind (IsVersionOf, IsPartOf, IsIdenticalTo, IsPreviousVersionOf), werden übersprungen, solange dies nicht eingeschaltet ist</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="362"/>
        <source>Select all unclaimed</source>
        <translation>Alle nicht beanspruchten auswählen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="363"/>
        <source>Tick every DOI the claim policy offers</source>
        <translation>Jede DOI ankreuzen, die die Anspruchsregeln anbieten</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="365"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="367"/>
        <location filename="../../claimdesk/ui/search_view.py" line="801"/>
        <source>Claim selected</source>
        <translation>Ausgewählte beanspruchen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="476"/>
        <source>A DOI list is looked up in DataCite first, then Crossref</source>
        <translation>Eine DOI-Liste wird zuerst bei DataCite, dann bei Crossref nachgeschlagen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="486"/>
        <source>Import DOIs</source>
        <translation>DOIs importieren</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="488"/>
        <source>DOI lists (*.txt *.csv *.ris *.bib *.bibtex);;All files (*)</source>
        <translation>DOI-Listen (*.txt *.csv *.ris *.bib *.bibtex);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="504"/>
        <source>Read %s from %s.</source>
        <translation>%s aus %s gelesen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="506"/>
        <source> %d lines held no DOI.</source>
        <translation> %d Zeilen enthielten keine DOI.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="513"/>
        <source>Could not read %s: %s</source>
        <translation>%s konnte nicht gelesen werden: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="530"/>
        <source>Type something to search for.</source>
        <translation>Geben Sie einen Suchbegriff ein.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="532"/>
        <source>Paste DOIs or import a file first.</source>
        <translation>Fügen Sie zuerst DOIs ein oder importieren Sie eine Datei.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="536"/>
        <source>“%s” is not a valid ORCID iD (16 digits, the last one a checksum).</source>
        <translation>„%s“ ist keine gültige ORCID-iD (16 Ziffern, die letzte eine Prüfziffer).</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="540"/>
        <source>Choose DataCite, Crossref or both.</source>
        <translation>Wählen Sie DataCite, Crossref oder beide.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="569"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="585"/>
        <source>The search failed: %s</source>
        <translation>Die Suche ist fehlgeschlagen: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="608"/>
        <source>Cancelling after the pages in flight…</source>
        <translation>Wird nach den laufenden Seiten abgebrochen…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="622"/>
        <source>Looked up %d of %s DOIs</source>
        <translation>%d von %s DOIs nachgeschlagen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="625"/>
        <source> of %d</source>
        <translation> von %d</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="655"/>
        <source> The %s results are shown.</source>
        <translation> Die Ergebnisse von %s werden gezeigt.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="658"/>
        <source>%s could not be searched: %s.%s</source>
        <translation>%s konnte nicht durchsucht werden: %s.%s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="668"/>
        <source>Could not read the ORCID record, so claim status is unknown: %s</source>
        <translation>Der ORCID-Datensatz konnte nicht gelesen werden, daher ist der Anspruchsstatus unbekannt: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="673"/>
        <source>Search cancelled: showing what was found so far.</source>
        <translation>Suche abgebrochen: Das bisher Gefundene wird gezeigt.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="675"/>
        <source>Nothing found.</source>
        <translation>Nichts gefunden.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="677"/>
        <source>Search again</source>
        <translation>Erneut suchen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="687"/>
        <source>Every DOI found is already on the record or left out by the policy.</source>
        <translation>Jede gefundene DOI steht bereits im Datensatz oder wird von den Regeln ausgelassen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="703"/>
        <source>Nothing to claim: %s.</source>
        <translation>Nichts zu beanspruchen: %s.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="734"/>
        <source>%s. The statuses below were read again from ORCID.</source>
        <translation>%s. Die Status unten wurden erneut von ORCID gelesen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="746"/>
        <source>The claim could not be sent: %s</source>
        <translation>Der Anspruch konnte nicht gesendet werden: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="772"/>
        <source>Could not read the record again: %s</source>
        <translation>Der Datensatz konnte nicht erneut gelesen werden: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="801"/>
        <source>Claim selected (%d)</source>
        <translation>Ausgewählte beanspruchen (%d)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="804"/>
        <source>Sign in to claim DOIs</source>
        <translation>Melden Sie sich an, um DOIs zu beanspruchen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="806"/>
        <source>A claim is being sent</source>
        <translation>Ein Anspruch wird gesendet</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="809"/>
        <source>Add the ticked DOIs to %s&apos;s ORCID record</source>
        <translation>Die angekreuzten DOIs zum ORCID-Datensatz von %s hinzufügen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="827"/>
        <source>Search DataCite and Crossref for DOIs that belong on the record.</source>
        <translation>DataCite und Crossref nach DOIs durchsuchen, die in den Datensatz gehören.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="829"/>
        <source>Search DataCite and Crossref for DOIs.</source>
        <translation>DataCite und Crossref nach DOIs durchsuchen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="834"/>
        <source>%s found</source>
        <translation>%s gefunden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="838"/>
        <source>&lt;b&gt;%s&lt;/b&gt; found · &lt;span style=&apos;color:#2e9d4f&apos;&gt;%d added by claimdesk&lt;/span&gt; · &lt;span style=&apos;color:#2f6fde&apos;&gt;%d from other sources&lt;/span&gt; · &lt;b&gt;%d not on record&lt;/b&gt; · %d selected</source>
        <translation>&lt;b&gt;%s&lt;/b&gt; gefunden · &lt;span style=&apos;color:#2e9d4f&apos;&gt;%d von claimdesk hinzugefügt&lt;/span&gt; · &lt;span style=&apos;color:#2f6fde&apos;&gt;%d von anderen Quellen&lt;/span&gt; · &lt;b&gt;%d nicht im Datensatz&lt;/b&gt; · %d ausgewählt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="856"/>
        <source> · &lt;u&gt;%d matched by name only&lt;/u&gt; (no ORCID iD: check them)</source>
        <translation> · &lt;u&gt;%d nur über den Namen gefunden&lt;/u&gt; (ohne ORCID-iD: bitte prüfen)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="865"/>
        <source>“Show: %s”</source>
        <translation>„Zeigen: %s“</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="867"/>
        <source>the filter “%s”</source>
        <translation>der Filter „%s“</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="869"/>
        <source>%s found, but %s hides every one. Choose “All results” to see them.</source>
        <translation>%s gefunden, aber %s blendet alle aus. Wählen Sie „Alle Ergebnisse“, um sie zu sehen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="870"/>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_model.py" line="112"/>
        <source>Authors: &lt;b&gt;Name&lt;/b&gt; &lt;small&gt;✓ iD&lt;/small&gt; carries this record&apos;s ORCID iD in the metadata; &lt;u&gt;Name&lt;/u&gt; &lt;small&gt;(name only)&lt;/small&gt; matches the name searched for but has no ORCID iD there, so it may be someone else.</source>
        <extracomment>Marks in the Authors column, in words as well as colour (see :data:`AUTHORS_LEGEND`). What the marks mean, shown under the results.</extracomment>
        <translation>Autorinnen und Autoren: &lt;b&gt;Name&lt;/b&gt; &lt;small&gt;✓ iD&lt;/small&gt; trägt in den Metadaten die ORCID-iD dieses Datensatzes; &lt;u&gt;Name&lt;/u&gt; &lt;small&gt;(nur Name)&lt;/small&gt; passt zum gesuchten Namen, hat dort aber keine ORCID-iD und kann jemand anderes sein.</translation>
    </message>
</context>
<context>
    <name>ServicePanel</name>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="61"/>
        <source>Permissions service</source>
        <translation>Berechtigungsdienst</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="73"/>
        <source>https://orcid.example.edu</source>
        <translation>https://orcid.example.edu</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="76"/>
        <source>API key (kept in the keyring)</source>
        <translation>API-Schlüssel (im Schlüsselbund aufbewahrt)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="77"/>
        <location filename="../../claimdesk/ui/service_panel.py" line="246"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="79"/>
        <source>Push missing through the service</source>
        <translation>Fehlende über den Dienst übertragen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="81"/>
        <source>Queue the round trip&apos;s missing works; the service writes with the tokens</source>
        <translation>Die im Abgleich fehlenden Werke einreihen; der Dienst schreibt mit den Tokens</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="85"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="95"/>
        <location filename="../../claimdesk/ui/service_panel.py" line="99"/>
        <location filename="../../claimdesk/ui/service_panel.py" line="106"/>
        <source>ORCID iD</source>
        <translation>ORCID-iD</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="95"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="95"/>
        <location filename="../../claimdesk/ui/service_panel.py" line="102"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="95"/>
        <source>Granted</source>
        <translation>Erteilt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="96"/>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="99"/>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="99"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="99"/>
        <source>DOIs</source>
        <translation>DOIs</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="102"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="102"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="102"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="106"/>
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="106"/>
        <source>Outcome</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="106"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="114"/>
        <source>Grants</source>
        <translation>Erlaubnisse</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="115"/>
        <source>Inbox requests</source>
        <translation>Posteingangsanfragen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="116"/>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="173"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="175"/>
        <source>{name} — researchers grant at {url}. {counts}. Auto-update: {auto} (last poll {polled}).</source>
        <translation>{name} — Forschende erteilen die Erlaubnis unter {url}. {counts}. Automatische Aktualisierung: {auto} (letzte Abfrage {polled}).</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="179"/>
        <source>no grants yet</source>
        <translation>noch keine Erlaubnisse</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="180"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="221"/>
        <source>Queued {n} works on the service.</source>
        <translation>{n} Werke beim Dienst eingereiht.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="223"/>
        <source>{n} researchers must first give permission at {url}.</source>
        <translation>{n} Forschende müssen zuerst unter {url} die Erlaubnis geben.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/service_panel.py" line="246"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="37"/>
        <source>ORCID</source>
        <translation>ORCID</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="38"/>
        <source>ORCID sandbox</source>
        <translation>ORCID-Sandbox</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="39"/>
        <source>Local sandbox</source>
        <translation>Lokale Sandbox</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="341"/>
        <source>claimdesk settings</source>
        <translation>claimdesk-Einstellungen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="355"/>
        <source>ORCID API clients</source>
        <translation>ORCID-API-Clients</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="358"/>
        <source>Sign in to</source>
        <translation>Anmelden bei</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="365"/>
        <source>Crossref serves requests that give a contact address faster (polite pool)</source>
        <translation>Crossref beantwortet Anfragen mit Kontaktadresse schneller („polite pool“)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="368"/>
        <source>Also add claimdesk&apos;s own version where other sources already have the DOI</source>
        <translation>claimdesks eigene Version auch dort hinzufügen, wo andere Quellen die DOI schon haben</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="372"/>
        <source>ORCID groups the versions of a DOI together; by default claimdesk offers only DOIs that are not on the record from any source.</source>
        <translation>ORCID gruppiert die Versionen einer DOI; standardmäßig bietet claimdesk nur DOIs an, die von keiner Quelle im Datensatz stehen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="377"/>
        <source>Include DOIs that are versions or parts of another DOI in bulk claims</source>
        <translation>DOIs, die Versionen oder Teile einer anderen DOI sind, in Sammelansprüche einbeziehen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="380"/>
        <source>DataCite IsVersionOf, IsPartOf, IsIdenticalTo and IsPreviousVersionOf</source>
        <translation>DataCite IsVersionOf, IsPartOf, IsIdenticalTo und IsPreviousVersionOf</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="382"/>
        <source>Search and claims</source>
        <translation>Suche und Ansprüche</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="384"/>
        <source>Crossref contact e-mail</source>
        <translation>Kontakt-E-Mail für Crossref</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="388"/>
        <source>Looking for the keyring…</source>
        <translation>Der Schlüsselbund wird gesucht…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="436"/>
        <source>Keyring: %s
Client secrets cannot be stored until a keyring works; the other settings are saved as usual.</source>
        <translation>Schlüsselbund: %s
Client-Geheimnisse können erst gespeichert werden, wenn ein Schlüsselbund funktioniert; die übrigen Einstellungen werden wie üblich gespeichert.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="444"/>
        <source>Client secrets and sign-ins are kept in the keyring: %s</source>
        <translation>Client-Geheimnisse und Anmeldungen werden im Schlüsselbund aufbewahrt: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="459"/>
        <source>Could not read the settings: %s</source>
        <translation>Die Einstellungen konnten nicht gelesen werden: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="515"/>
        <source>Saved, except the client secret: %s</source>
        <translation>Gespeichert, außer dem Client-Geheimnis: %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="523"/>
        <source>Not saved: %s</source>
        <translation>Nicht gespeichert: %s</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="45"/>
        <source>ORCID (orcid.org)</source>
        <extracomment>How each environment is named in the dialog.</extracomment>
        <translation>ORCID (orcid.org)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="46"/>
        <source>ORCID sandbox (sandbox.orcid.org)</source>
        <translation>ORCID-Sandbox (sandbox.orcid.org)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="47"/>
        <source>A claimdesk sandbox at a URL</source>
        <translation>Eine claimdesk-Sandbox unter einer URL</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="186"/>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="199"/>
        <source>Sign in with ORCID</source>
        <extracomment>the flow&apos;s progress, emitted on the worker and delivered on the GUI thread the headline of the last failure (&quot;&quot; when none), for tests and screen readers</extracomment>
        <translation>Mit ORCID anmelden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="197"/>
        <source>Reconnect %s</source>
        <translation>%s neu verbinden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="207"/>
        <source>claimdesk opens ORCID&apos;s sign-in page in your web browser. Sign in there and choose &lt;b&gt;Authorize&lt;/b&gt;; claimdesk then reads your works and can add the ones you claim. Your password never passes through claimdesk.</source>
        <translation>claimdesk öffnet die Anmeldeseite von ORCID in Ihrem Webbrowser. Melden Sie sich dort an und wählen Sie &lt;b&gt;Authorize&lt;/b&gt;; claimdesk liest dann Ihre Werke und kann die beanspruchten hinzufügen. Ihr Passwort geht nie durch claimdesk.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="217"/>
        <source>ORCID no longer accepts claimdesk&apos;s sign-in for this account (it was revoked or has expired). Sign in again to continue; work that was waiting resumes afterwards.</source>
        <translation>ORCID akzeptiert die Anmeldung von claimdesk für dieses Konto nicht mehr (sie wurde widerrufen oder ist abgelaufen). Melden Sie sich erneut an, um fortzufahren; wartende Arbeit wird danach fortgesetzt.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="232"/>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="235"/>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="252"/>
        <source>The ORCID sign-in address, if you need to open it yourself</source>
        <translation>Die ORCID-Anmeldeadresse, falls Sie sie selbst öffnen müssen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="254"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="255"/>
        <source>Copy the sign-in address to the clipboard</source>
        <translation>Die Anmeldeadresse in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="257"/>
        <source>Open browser</source>
        <translation>Browser öffnen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="258"/>
        <source>Open the sign-in address in the browser again</source>
        <translation>Die Anmeldeadresse erneut im Browser öffnen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="279"/>
        <source>Keep for this session only</source>
        <translation>Nur für diese Sitzung behalten</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="281"/>
        <source>Keep the sign-in in memory until claimdesk quits; nothing is written to disk</source>
        <translation>Die Anmeldung bis zum Beenden von claimdesk im Arbeitsspeicher behalten; nichts wird auf die Festplatte geschrieben</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="285"/>
        <source>Don&apos;t keep it</source>
        <translation>Nicht behalten</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="287"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="302"/>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="365"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="357"/>
        <source>Choose where to sign in, then press Sign in.</source>
        <translation>Wählen Sie, wo Sie sich anmelden, und drücken Sie dann „Anmelden“.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="359"/>
        <source>Press Sign in to open the ORCID page.</source>
        <translation>Drücken Sie „Anmelden“, um die ORCID-Seite zu öffnen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="366"/>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="423"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="385"/>
        <source>The sign-in worked, but claimdesk cannot keep it yet.</source>
        <translation>Die Anmeldung hat funktioniert, aber claimdesk kann sie noch nicht behalten.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="387"/>
        <source>Not signed in.</source>
        <translation>Nicht angemeldet.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="391"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="392"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="405"/>
        <source>A base URL is needed</source>
        <translation>Eine Basis-URL wird benötigt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="407"/>
        <source>Enter the address of the claimdesk sandbox, as &apos;claimdesk sandbox&apos; printed it (for example http://127.0.0.1:9000).</source>
        <translation>Geben Sie die Adresse der claimdesk-Sandbox ein, wie „claimdesk sandbox“ sie ausgegeben hat (zum Beispiel http://127.0.0.1:9000).</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="424"/>
        <source>Preparing the sign-in…</source>
        <translation>Die Anmeldung wird vorbereitet…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="490"/>
        <source>The keyring did not keep the sign-in</source>
        <translation>Der Schlüsselbund hat die Anmeldung nicht behalten</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="492"/>
        <source>%s

claimdesk never writes a sign-in to a file. You can keep it in memory until claimdesk quits (you will sign in again next time), or unlock or set up a keyring and sign in again.</source>
        <translation>%s

claimdesk schreibt eine Anmeldung nie in eine Datei. Sie können sie bis zum Beenden von claimdesk im Arbeitsspeicher behalten (beim nächsten Mal melden Sie sich erneut an) oder einen Schlüsselbund entsperren bzw. einrichten und sich erneut anmelden.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="505"/>
        <source>Signed in as %s.</source>
        <translation>Angemeldet als %s.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="517"/>
        <source>Sign-in cancelled.</source>
        <translation>Anmeldung abgebrochen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/sign_in_dialog.py" line="562"/>
        <source>The address is on the clipboard: paste it into a browser.</source>
        <translation>Die Adresse ist in der Zwischenablage: Fügen Sie sie in einen Browser ein.</translation>
    </message>
</context>
<context>
    <name>WorkActions</name>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="64"/>
        <source>&amp;Edit…</source>
        <extracomment>The message bar&apos;s topic for what edits and deletes report.</extracomment>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="66"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="71"/>
        <source>Export visible works as &amp;BibTeX…</source>
        <translation>Sichtbare Werke als &amp;BibTeX exportieren…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="72"/>
        <source>Export visible works as &amp;RIS (Zotero, EndNote)…</source>
        <translation>Sichtbare Werke als &amp;RIS exportieren (Zotero, EndNote)…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="73"/>
        <source>Export visible works as &amp;CSV…</source>
        <translation>Sichtbare Werke als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="97"/>
        <source>Added by %s — claimdesk only %s works it added itself.</source>
        <translation>Hinzugefügt von %s — claimdesk führt nur bei selbst hinzugefügten Werken %s aus.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="109"/>
        <source>Select one of claimdesk&apos;s works to edit it</source>
        <translation>Wählen Sie eines der Werke von claimdesk aus, um es zu bearbeiten</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="111"/>
        <source>Select a single work to edit</source>
        <translation>Wählen Sie ein einzelnes Werk zum Bearbeiten aus</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="113"/>
        <source>edits</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="114"/>
        <source>Edit this work (Ctrl+E)</source>
        <translation>Dieses Werk bearbeiten (Strg+E)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="119"/>
        <source>Select claimdesk&apos;s works to delete them</source>
        <translation>Wählen Sie Werke von claimdesk aus, um sie zu löschen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="121"/>
        <source>deletes</source>
        <translation>Löschungen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="126"/>
        <source>Delete the selected work (Del)</source>
        <translation>Das ausgewählte Werk löschen (Entf)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="128"/>
        <source>Delete the %d selected works (Del)</source>
        <translation>Die %d ausgewählten Werke löschen (Entf)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="158"/>
        <source>Reading the full work…</source>
        <translation>Das vollständige Werk wird gelesen…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="187"/>
        <source>Saved “%s”.</source>
        <translation>„%s“ gespeichert.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="211"/>
        <source>“%s” was not changed. %s</source>
        <translation>„%s“ wurde nicht geändert. %s</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="213"/>
        <source> The list has been refreshed.</source>
        <translation> Die Liste wurde aktualisiert.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="231"/>
        <source>… and %d more</source>
        <translation>… und %d weitere</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="233"/>
        <source>Delete this work from the ORCID record?</source>
        <translation>Dieses Werk aus dem ORCID-Datensatz löschen?</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="235"/>
        <source>Delete these %d works from the ORCID record?</source>
        <translation>Diese %d Werke aus dem ORCID-Datensatz löschen?</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="239"/>
        <source>Delete works</source>
        <translation>Werke löschen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="241"/>
        <source>Other sources&apos; versions stay.</source>
        <translation>Die Versionen anderer Quellen bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="242"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="254"/>
        <source>Deleting %d works…</source>
        <translation>%d Werke werden gelöscht…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="288"/>
        <source>Deleted “%s”.</source>
        <translation>„%s“ gelöscht.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="290"/>
        <source>Deleted %d works.</source>
        <translation>%d Werke gelöscht.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="294"/>
        <source>Deleted %d of %d works.</source>
        <translation>%d von %d Werken gelöscht.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="316"/>
        <source>Export visible works</source>
        <translation>Sichtbare Werke exportieren</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="318"/>
        <source>%s files (*%s)</source>
        <translation>%s-Dateien (*%s)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="339"/>
        <source>Reading the authors of the works: %d of %d…</source>
        <translation>Die Autorinnen und Autoren der Werke werden gelesen: %d von %d…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="343"/>
        <source>Exported %d works (each group as its preferred version) to %s.</source>
        <translation>%d Werke (jede Gruppe als bevorzugte Version) nach %s exportiert.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="348"/>
        <source>%d without their contributors (not read from ORCID).</source>
        <translation>%d ohne ihre Beitragenden (nicht von ORCID gelesen).</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_actions.py" line="358"/>
        <source>Could not export to %s: %s</source>
        <translation>Export nach %s nicht möglich: %s</translation>
    </message>
</context>
<context>
    <name>WorkLinks</name>
    <message>
        <location filename="../../claimdesk/ui/work_links.py" line="32"/>
        <source>&amp;Copy DOI</source>
        <translation>DOI &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_links.py" line="35"/>
        <source>Open at &amp;doi.org</source>
        <translation>Bei &amp;doi.org öffnen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/work_links.py" line="37"/>
        <source>Open on &amp;orcid.org</source>
        <translation>Bei &amp;orcid.org öffnen</translation>
    </message>
</context>
<context>
    <name>WorksFind</name>
    <message>
        <location filename="../../claimdesk/ui/works_find.py" line="19"/>
        <source>Any visibility</source>
        <extracomment>The visibility filter&apos;s choices: (ORCID&apos;s value, or None for any; label).</extracomment>
        <translation>Jede Sichtbarkeit</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_find.py" line="20"/>
        <source>Public</source>
        <translation>Öffentlich</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_find.py" line="21"/>
        <source>Limited (trusted parties)</source>
        <translation>Eingeschränkt (vertrauenswürdige Stellen)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_find.py" line="22"/>
        <source>Registered users</source>
        <translation>Registrierte Nutzer</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_find.py" line="23"/>
        <source>Private (only me)</source>
        <translation>Privat (nur ich)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_find.py" line="43"/>
        <source>Filter: title, identifier, DOI, source, year</source>
        <translation>Filter: Titel, Kennung, DOI, Quelle, Jahr</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_find.py" line="61"/>
        <source>Show only works with this visibility on ORCID</source>
        <translation>Nur Werke mit dieser Sichtbarkeit bei ORCID zeigen</translation>
    </message>
</context>
<context>
    <name>WorksModel</name>
    <message>
        <location filename="../../claimdesk/ui/works_model.py" line="58"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_model.py" line="59"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_model.py" line="60"/>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_model.py" line="61"/>
        <source>Journal</source>
        <translation>Zeitschrift</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_model.py" line="62"/>
        <source>Identifiers</source>
        <translation>Kennungen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_model.py" line="63"/>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_model.py" line="64"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_model.py" line="65"/>
        <source>Who the source is</source>
        <translation>Wer die Quelle ist</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_model.py" line="66"/>
        <source>Display index</source>
        <translation>Anzeigeindex</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_model.py" line="67"/>
        <source>Put-code</source>
        <translation>Put-Code</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_model.py" line="68"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_model.py" line="69"/>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_model.py" line="70"/>
        <source>Visibility</source>
        <translation>Sichtbarkeit</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_model.py" line="71"/>
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
</context>
<context>
    <name>WorksView</name>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="147"/>
        <source>Copied %s</source>
        <extracomment>Columns hidden until the user shows them (right-click the header): those shown at first fit beside the details pane at the window&apos;s default size (1360 × 820). Where the columns sit at first: what tells groups apart comes right after the title. Groups around the selection whose versions are prefetched with the selected one. actions the tree&apos;s context menu offers (the window&apos;s edit, delete, expand, collapse)</extracomment>
        <translation>%s kopiert</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="200"/>
        <location filename="../../claimdesk/ui/works_view.py" line="239"/>
        <source>No ORCID record open</source>
        <translation>Kein ORCID-Datensatz geöffnet</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="207"/>
        <source>Sign in with ORCID to see your works as ORCID groups them, or try claimdesk on a built-in demo record (nothing leaves this computer).</source>
        <translation>Melden Sie sich mit ORCID an, um Ihre Werke so gruppiert zu sehen, wie ORCID sie gruppiert, oder probieren Sie claimdesk an einem eingebauten Demo-Datensatz aus (nichts verlässt diesen Computer).</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="217"/>
        <source>Sign in with ORCID…</source>
        <translation>Mit ORCID anmelden…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="220"/>
        <source>Try the demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="239"/>
        <source>Starting the demo…</source>
        <translation>Die Demo wird gestartet…</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="339"/>
        <source>%s in %s · %s added by claimdesk</source>
        <translation>%s in %s · %s von claimdesk hinzugefügt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="340"/>
        <source>work</source>
        <translation>Werk</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="340"/>
        <source>works</source>
        <translation>Werke</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="341"/>
        <source>group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="341"/>
        <source>groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="346"/>
        <source>Visibility: %s · </source>
        <translation>Sichtbarkeit: %s · </translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="348"/>
        <source>Showing %s of %s groups · </source>
        <translation>%s von %s Gruppen angezeigt · </translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="355"/>
        <source>No works have the visibility “%s”.
Press Escape to show them all.</source>
        <translation>Kein Werk hat die Sichtbarkeit „%s“.
Drücken Sie Escape, um alle zu zeigen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="361"/>
        <source>No works match “%s”.
The filter looks at titles, identifiers, sources, journals and years. Press Escape to show them all.</source>
        <translation>Keine Werke passen zu „%s“.
Der Filter durchsucht Titel, Kennungen, Quellen, Zeitschriften und Jahre. Drücken Sie Escape, um alle zu zeigen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/works_view.py" line="439"/>
        <source>Could not load details: %s</source>
        <translation>Details konnten nicht geladen werden: %s</translation>
    </message>
</context>
<context>
    <name>_EnvPage</name>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="252"/>
        <source>Base URL</source>
        <extracomment>where the secret can go when no keyring can hold it env → {&quot;client_id&quot;: …, &quot;redirect_ports&quot;: …, &quot;base_url&quot;: …} env → (client id, secret) to put in the keyring env → the keyring&apos;s refusal, with where the secret can go instead</extracomment>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="253"/>
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="254"/>
        <source>Client secret</source>
        <translation>Client-Geheimnis</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="256"/>
        <source>Redirect ports</source>
        <translation>Weiterleitungsports</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="267"/>
        <source>•••••••• stored in the keyring</source>
        <translation>•••••••• im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="268"/>
        <source>A secret is stored in the keyring. Type a new one to replace it.</source>
        <translation>Ein Geheimnis ist im Schlüsselbund gespeichert. Geben Sie ein neues ein, um es zu ersetzen.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="270"/>
        <source>set by the site configuration</source>
        <translation>durch die Standortkonfiguration festgelegt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="271"/>
        <source>Your institution&apos;s configuration provides the secret.</source>
        <translation>Die Konfiguration Ihrer Einrichtung stellt das Geheimnis bereit.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="273"/>
        <source>no keyring to keep it in</source>
        <translation>kein Schlüsselbund, der es aufbewahren kann</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="275"/>
        <source>Without a keyring the secret cannot be stored here; %s. The client ID and ports are saved all the same.</source>
        <translation>Ohne Schlüsselbund kann das Geheimnis hier nicht gespeichert werden; %s. Client-ID und Ports werden trotzdem gespeichert.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="279"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="280"/>
        <source>Paste the client secret ORCID gave you; it goes to the keyring.</source>
        <translation>Fügen Sie das Client-Geheimnis ein, das ORCID Ihnen gegeben hat; es kommt in den Schlüsselbund.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="292"/>
        <source>At least one port is needed to sign in.</source>
        <translation>Zum Anmelden wird mindestens ein Port benötigt.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/settings_dialog.py" line="295"/>
        <source>Register exactly these redirect URIs with ORCID:</source>
        <translation>Registrieren Sie genau diese Weiterleitungs-URIs bei ORCID:</translation>
    </message>
</context>
<context>
    <name>_RowsTable</name>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="107"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/edit_dialog.py" line="108"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../claimdesk/ui/app.py" line="193"/>
        <source>claimdesk — unexpected error</source>
        <extracomment>the claim journals of the records shown (Search, History and Curator share them) called at exit after the tasks are done (the demo stops its sandbox here) how views ask the user (dialogs in the app; tests give it fixed answers) the record shown: sessions, works, freshness (built by :func:`create_context`)</extracomment>
        <translation>claimdesk — unerwarteter Fehler</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/app.py" line="195"/>
        <source>Something went wrong inside claimdesk. Your ORCID record was not changed by this error.</source>
        <translation>In claimdesk ist etwas schiefgegangen. Ihr ORCID-Datensatz wurde durch diesen Fehler nicht verändert.</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/app.py" line="201"/>
        <source>(no log file)</source>
        <translation>(keine Protokolldatei)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/app.py" line="203"/>
        <source>The details are in the log file:
%s

Please include it when you report the problem.</source>
        <translation>Die Einzelheiten stehen in der Protokolldatei:
%s

Bitte legen Sie sie bei, wenn Sie das Problem melden.</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <location filename="../../claimdesk/ui/help_pages.py" line="40"/>
        <source>&lt;h2&gt;Getting started with claimdesk&lt;/h2&gt;&lt;h3&gt;Without any account&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Look at any ORCID record.&lt;/b&gt; In the &lt;i&gt;Public record&lt;/i&gt; tab, type or paste an ORCID iD: its public works appear grouped as ORCID groups them, with every version&apos;s source, display index and the preferred version starred. This reads ORCID&apos;s Public API, which allows 10,000 anonymous reads a day from one internet address.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Find what is missing.&lt;/b&gt; &lt;i&gt;Find missing DOIs&lt;/i&gt; searches DataCite and Crossref for works that name the iD and shows which are already on the record.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Add them yourself.&lt;/b&gt; &lt;i&gt;Save BibTeX for ORCID import&lt;/i&gt; writes the missing works as a file for orcid.org&apos;s &lt;i&gt;Works → Add → Import BibTeX&lt;/i&gt;; you become the source of those works. DataCite DOIs can also be claimed on DataCite Commons, which adds them with DataCite as source.&lt;/li&gt;&lt;/ol&gt;&lt;h3&gt;Claiming in bulk under claimdesk&apos;s name&lt;/h3&gt;&lt;p&gt;Writing works to ORCID through its API needs &lt;b&gt;Member API credentials&lt;/b&gt;, which ORCID gives to its member organisations (many universities, libraries and data centres). Ask your library or research office whether your institution is a member (&lt;a href=&apos;{members}&apos;&gt;ORCID&apos;s member list&lt;/a&gt;). An institution that deploys claimdesk provides:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;a site file &lt;code&gt;claimdesk.toml&lt;/code&gt; with its ORCID &lt;b&gt;client id&lt;/b&gt; and the registered redirect ports, installed next to the app;&lt;/li&gt;&lt;li&gt;the &lt;b&gt;client secret&lt;/b&gt;, which you (or the installer) store in this computer&apos;s keyring through &lt;i&gt;Settings&lt;/i&gt; — never in a file.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Then sign in with ORCID (&lt;i&gt;Account → Sign in&lt;/i&gt;): claimdesk adds works with itself as source, so it can later edit or remove exactly those and nothing else. ORCID&apos;s documentation: &lt;a href=&apos;{docs}&apos;&gt;the Member API&lt;/a&gt;.&lt;/p&gt;&lt;h3&gt;Try everything first&lt;/h3&gt;&lt;p&gt;&lt;i&gt;Help → Try the demo&lt;/i&gt; opens a built-in sandbox on this computer with a sample researcher&apos;s record. Nothing done there reaches ORCID.&lt;/p&gt;&lt;h3&gt;From a terminal&lt;/h3&gt;&lt;p&gt;&lt;code&gt;claimdesk works --public --orcid ID&lt;/code&gt; lists a public record; &lt;code&gt;claimdesk search --orcid ID --public --orcid-import FILE&lt;/code&gt; writes the BibTeX for ORCID&apos;s import. Every window action has a command; see &lt;code&gt;claimdesk --help&lt;/code&gt;.&lt;/p&gt;</source>
        <extracomment>ORCID&apos;s documentation of the Member API (what a member organisation&apos;s client can do). ORCID&apos;s list of its member organisations. How many tabs get a Ctrl+number shortcut. Qt&apos;s translate, under a name lupdate finds: every text here is in the &quot;help&quot; context.</extracomment>
        <translation>&lt;h2&gt;Erste Schritte mit claimdesk&lt;/h2&gt;&lt;h3&gt;Ganz ohne Konto&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Jeden ORCID-Datensatz ansehen.&lt;/b&gt; Geben Sie im Reiter &lt;i&gt;Öffentlicher Datensatz&lt;/i&gt; eine ORCID-iD ein oder fügen Sie sie ein: Ihre öffentlichen Werke erscheinen so gruppiert, wie ORCID sie gruppiert, mit der Quelle und dem Anzeigeindex jeder Version und einem Stern an der bevorzugten Version. Gelesen wird über ORCIDs Public API, die 10.000 anonyme Abrufe pro Tag und Internetadresse erlaubt.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Finden, was fehlt.&lt;/b&gt; &lt;i&gt;Fehlende DOIs finden&lt;/i&gt; durchsucht DataCite und Crossref nach Werken, die die iD nennen, und zeigt, welche schon im Datensatz stehen.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Selbst hinzufügen.&lt;/b&gt; &lt;i&gt;BibTeX für den ORCID-Import speichern&lt;/i&gt; schreibt die fehlenden Werke in eine Datei für &lt;i&gt;Werke → Hinzufügen → BibTeX importieren&lt;/i&gt; auf orcid.org; Sie werden die Quelle dieser Werke. DataCite-DOIs lassen sich auch bei DataCite Commons beanspruchen, das sie mit DataCite als Quelle hinzufügt.&lt;/li&gt;&lt;/ol&gt;&lt;h3&gt;Sammelansprüche unter dem Namen von claimdesk&lt;/h3&gt;&lt;p&gt;Um Werke über die API in ORCID zu schreiben, braucht man &lt;b&gt;Zugangsdaten für die Member API&lt;/b&gt;, die ORCID seinen Mitgliedsorganisationen gibt (vielen Universitäten, Bibliotheken und Datenzentren). Fragen Sie Ihre Bibliothek oder Forschungsabteilung, ob Ihre Einrichtung Mitglied ist (&lt;a href=&apos;{members}&apos;&gt;ORCIDs Mitgliederliste&lt;/a&gt;). Eine Einrichtung, die claimdesk einsetzt, stellt bereit:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;eine Standortdatei &lt;code&gt;claimdesk.toml&lt;/code&gt; mit ihrer ORCID-&lt;b&gt;Client-ID&lt;/b&gt; und den registrierten Weiterleitungsports, neben der App installiert;&lt;/li&gt;&lt;li&gt;das &lt;b&gt;Client-Geheimnis&lt;/b&gt;, das Sie (oder wer installiert) über die &lt;i&gt;Einstellungen&lt;/i&gt; im Schlüsselbund dieses Computers speichern — nie in einer Datei.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Dann melden Sie sich mit ORCID an (&lt;i&gt;Konto → Anmelden&lt;/i&gt;): claimdesk fügt Werke mit sich selbst als Quelle hinzu und kann später genau diese bearbeiten oder entfernen, sonst nichts. ORCIDs Dokumentation: &lt;a href=&apos;{docs}&apos;&gt;die Member API&lt;/a&gt;.&lt;/p&gt;&lt;h3&gt;Erst alles ausprobieren&lt;/h3&gt;&lt;p&gt;&lt;i&gt;Hilfe → Demo ausprobieren&lt;/i&gt; öffnet eine eingebaute Sandbox auf diesem Computer mit dem Datensatz einer Beispielperson. Nichts davon erreicht ORCID.&lt;/p&gt;&lt;h3&gt;Im Terminal&lt;/h3&gt;&lt;p&gt;&lt;code&gt;claimdesk works --public --orcid ID&lt;/code&gt; listet einen öffentlichen Datensatz; &lt;code&gt;claimdesk search --orcid ID --public --orcid-import DATEI&lt;/code&gt; schreibt das BibTeX für ORCIDs Import. Jede Aktion im Fenster hat einen Befehl; siehe &lt;code&gt;claimdesk --help&lt;/code&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/help_pages.py" line="98"/>
        <source>Getting started</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/help_pages.py" line="125"/>
        <source>Show the %s tab</source>
        <translation>Reiter „%s“ zeigen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/help_pages.py" line="131"/>
        <source>Go to the filter (also when the window is too narrow to show it)</source>
        <translation>Zum Filter springen (auch wenn das Fenster zu schmal ist, um ihn zu zeigen)</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/help_pages.py" line="133"/>
        <source>Escape</source>
        <translation>Escape</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/help_pages.py" line="133"/>
        <source>Clear the filter</source>
        <translation>Den Filter leeren</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/help_pages.py" line="134"/>
        <source>Ctrl+L</source>
        <translation>Strg+L</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/help_pages.py" line="134"/>
        <source>Public record: go to the ORCID iD field</source>
        <translation>Öffentlicher Datensatz: zum Feld für die ORCID-iD springen</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/help_pages.py" line="143"/>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/help_pages.py" line="143"/>
        <source>Does</source>
        <translation>Wirkung</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/help_pages.py" line="153"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/help_pages.py" line="186"/>
        <source>&amp;Getting started</source>
        <translation>&amp;Erste Schritte</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/help_pages.py" line="189"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/help_pages.py" line="195"/>
        <source>Try the &amp;demo (a sample record on this computer)</source>
        <translation>&amp;Demo ausprobieren (ein Beispieldatensatz auf diesem Computer)</translation>
    </message>
</context>
<context>
    <name>public</name>
    <message>
        <location filename="../../claimdesk/ui/screenshot.py" line="102"/>
        <source>Public record</source>
        <translation>Öffentlicher Datensatz</translation>
    </message>
</context>
<context>
    <name>view</name>
    <message>
        <location filename="../../claimdesk/ui/curator_view.py" line="824"/>
        <source>Curator</source>
        <translation>Kuratierung</translation>
    </message>
    <message>
        <location filename="../../claimdesk/ui/search_view.py" line="884"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
</context>
</TS>
