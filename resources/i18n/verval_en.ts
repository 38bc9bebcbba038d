<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
    <context>
        <name>AssessmentSection</name>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="734" />
            <source>Tanda rumah mewah (kriteria graduasi GRAD-RUMAH)</source>
            <translation>Signs of a luxury house (graduation criterion GRAD-RUMAH)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="736" />
            <source>Rumah ber-&amp;AC</source>
            <translation>House with &amp;air conditioning</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="737" />
            <source>&amp;Perabot mewah</source>
            <translation>&amp;Luxury furniture</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="738" />
            <source>&amp;Renovasi besar</source>
            <translation>Major &amp;renovation</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="740" />
            <source>Konfirmasi petugas</source>
            <translation>Officer confirmation</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="744" />
            <source>Saya sudah melihat sendiri bahwa rumah ini &amp;mewah</source>
            <translation>I have seen myself that this house is &amp;luxurious</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="752" />
            <source>Aturan rumah mewah hanya berlaku bila petugas mengonfirmasi dan foto rumah bagian depan serta bagian dalam terlampir. Tanpa konfirmasi, hasilnya 'perlu verifikasi'.</source>
            <translation>The luxury-house rule applies only when the officer confirms it and photos of the front and the inside of the house are attached. Without confirmation the result is 'needs verification'.</translation>
        </message>
    </context>
    <context>
        <name>AssetsSection</name>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="470" />
            <source>Tabung gas ≥ 5,5 kg</source>
            <translation>Gas cylinder ≥ 5.5 kg</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="471" />
            <source>Lemari es/kulkas</source>
            <translation>Refrigerator</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="472" />
            <source>AC</source>
            <translation>Air conditioner</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="473" />
            <source>Pemanas air</source>
            <translation>Water heater</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="474" />
            <source>Telepon rumah</source>
            <translation>Landline phone</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="475" />
            <source>TV layar datar ≥ 30 inci</source>
            <translation>Flat-screen TV ≥ 30 inch</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="476" />
            <source>Komputer/laptop/tablet</source>
            <translation>Computer/laptop/tablet</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="477" />
            <source>Telepon pintar</source>
            <translation>Smartphone</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="478" />
            <source>Sepeda</source>
            <translation>Bicycle</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="479" />
            <source>Perahu</source>
            <translation>Boat</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="480" />
            <source>Perahu motor</source>
            <translation>Motorboat</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="481" />
            <source>Rumah di tempat lain</source>
            <translation>House elsewhere</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="482" />
            <source>Ternak besar (sapi, kerbau, kuda)</source>
            <translation>Large livestock (cattle, buffalo, horses)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="483" />
            <source>Ternak kecil (kambing, babi)</source>
            <translation>Small livestock (goats, pigs)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="495" />
            <source>Jumlah barang</source>
            <translation>Number of items</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="500" />
            <source>Emas/perhiasan</source>
            <translation>Gold/jewellery</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="503" />
            <source>Lahan &amp;pertanian</source>
            <translation>&amp;Farmland</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="506" />
            <source>Lahan lain</source>
            <translation>Other land</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="508" />
            <source>Nilai properti</source>
            <translation>Property value</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="509" />
            <source>Memiliki usaha besar</source>
            <translation>Owns a large business</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="510" />
            <source>Lahan, properti, usaha</source>
            <translation>Land, property, business</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="515" />
            <source>Tambah &amp;kendaraan</source>
            <translation>Add &amp;vehicle</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="521" />
            <source>Isi perkiraan harga jual setiap sepeda motor dan mobil. Hanya motor di atas batas paket aturan (Rp30 juta) atau mobil yang menggugurkan; motor biasa tidak.</source>
            <translation>Enter the estimated resale value of every motorcycle and car. Only a motorcycle above the rule-pack limit (Rp30 million) or a car disqualifies; an ordinary motorcycle does not.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="528" />
            <source>Kendaraan bermotor</source>
            <translation>Motor vehicles</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="562" />
            <source>Jenis kendaraan {n}</source>
            <translation>Type of vehicle {n}</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="565" />
            <source>Perkiraan harga kendaraan {n}</source>
            <translation>Estimated value of vehicle {n}</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="566" />
            <source>kredit</source>
            <translation>on credit</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="568" />
            <source>Hapus</source>
            <translation>Remove</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="569" />
            <source>Hapus kendaraan {n}</source>
            <translation>Remove vehicle {n}</translation>
        </message>
    </context>
    <context>
        <name>CameraDialog</name>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="63" />
            <source>Ambil foto dengan kamera</source>
            <translation>Take photos with the camera</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="71" />
            <source>Kamera</source>
            <translation>Camera</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="76" />
            <location filename="../../app/ui/visit/camera_dialog.py" line="213" />
            <source>Menyiapkan kamera…</source>
            <translation>Starting the camera…</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="84" />
            <source>&amp;Ambil foto</source>
            <translation>&amp;Take photo</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="85" />
            <source>Ambil foto dari gambar kamera saat ini (Spasi atau Enter)</source>
            <translation>Take a photo of what the camera shows now (Space or Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="91" />
            <source>Selesai</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="98" />
            <source>&amp;Kamera:</source>
            <translation>&amp;Camera:</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="101" />
            <source>&amp;Jenis foto:</source>
            <translation>Photo &amp;type:</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="128" />
            <source>Tidak ada kamera yang terdeteksi. Sambungkan kamera, lalu coba lagi.</source>
            <translation>No camera was found. Connect a camera, then try again.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="144" />
            <source>Belum ada gambar dari kamera. Tunggu sebentar, lalu coba lagi.</source>
            <translation>No picture from the camera yet. Wait a moment, then try again.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="149" />
            <source>Foto ke-{n} diambil ({kind}) dan sedang diproses. Ambil foto berikutnya atau tekan Selesai.</source>
            <translation>Photo {n} taken ({kind}) and being processed. Take the next photo or press Done.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="161" />
            <source>Kamera tidak tersedia</source>
            <translation>Camera not available</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="257" />
            <source>Kamera tidak mengirim gambar. Periksa penutup lensa, tutup aplikasi lain yang memakai kamera, atau pilih kamera lain.</source>
            <translation>The camera sends no picture. Check the lens cover, close other applications using the camera, or choose another camera.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="297" />
            <source>Aplikasi ini tidak diizinkan memakai kamera. Izinkan akses kamera di pengaturan privasi sistem, lalu coba lagi.</source>
            <translation>This application is not allowed to use the camera. Allow camera access in the system's privacy settings, then try again.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="291" />
            <source>Kamera tidak dapat dipakai: {detail}. Cabut dan sambungkan lagi kameranya, atau pilih kamera lain.</source>
            <translation>The camera cannot be used: {detail}. Unplug the camera and plug it in again, or choose another camera.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="285" />
            <source>Kamera sedang dipakai aplikasi lain (misalnya rapat video). Tutup aplikasi itu, lalu coba lagi. ({detail})</source>
            <translation>The camera is in use by another application (a video call, for example). Close that application, then try again. ({detail})</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/camera_dialog.py" line="293" />
            <source>kesalahan tidak dikenal</source>
            <translation>unknown error</translation>
        </message>
    </context>
    <context>
        <name>ConclusionSection</name>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="844" />
            <source>Pernyataan dan catatan</source>
            <translation>Statements and notes</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="846" />
            <source>Keluarga menandatangani pernyataan graduasi &amp;mandiri</source>
            <translation>Family signed a &amp;voluntary graduation statement</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="848" />
            <source>Alamat di KTP berbeda dengan tempat tinggal</source>
            <translation>KTP address differs from where they live</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="851" />
            <source>Keluarga ingin &amp;daftar ulang</source>
            <translation>Family wants to &amp;re-register</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="854" />
            <source>Catatan petugas untuk pemeriksa (opsional)</source>
            <translation>Officer's note for the reviewer (optional)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="857" />
            <source>Ca&amp;tatan</source>
            <translation>&amp;Note</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="894" />
            <source>Tekan Kirim (Ctrl+Enter); setelah itu kunjungan tidak dapat diubah.</source>
            <translation>Press Submit (Ctrl+Enter); after that the visit can no longer be changed.</translation>
        </message>
    </context>
    <context>
        <name>DocumentsSection</name>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="780" />
            <source>KTP-el setiap anggota</source>
            <translation>e-KTP of every member</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="781" />
            <source>Kartu Keluarga terbaru</source>
            <translation>Latest family card (KK)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="782" />
            <source>SKTM dari desa (dengan pengantar RT/RW)</source>
            <translation>SKTM from the village (with an RT/RW cover letter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="783" />
            <source>Bukti penghasilan (slip gaji/surat keterangan), jika ada</source>
            <translation>Proof of income (payslip/statement), if any</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="784" />
            <source>Surat keterangan domisili (jika alamat KTP berbeda)</source>
            <translation>Certificate of residence (if the KTP address differs)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="785" />
            <source>Surat pernyataan graduasi mandiri (jika ada)</source>
            <translation>Voluntary graduation statement (if any)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="790" />
            <source>Tambah foto…</source>
            <translation>Add photo…</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="791" />
            <source>Tambah foto {what}</source>
            <translation>Add photo: {what}</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="798" />
            <source>Kelengkapan dokumen</source>
            <translation>Document checklist</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="803" />
            <source>Foto dokumen disimpan terenkripsi bersama kunjungan. Tentukan pemilik setiap KTP di bagian Foto. Daftar ini juga dipakai untuk berkas daftar ulang.</source>
            <translation>Document photos are stored encrypted with the visit. Set the owner of every KTP in the Photos section. This list is also used for the re-registration file.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="823" />
            <source>✔ lengkap ({n})</source>
            <translation>✔ complete ({n})</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="826" />
            <source>◐ {have} dari {need}</source>
            <translation>◐ {have} of {need}</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="829" />
            <source>✘ belum ada</source>
            <translation>✘ missing</translation>
        </message>
    </context>
    <context>
        <name>DossierPdf</name>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="158" />
            <source>Dosier permohonan</source>
            <translation>Request dossier</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="276" />
            <source>CAP
DESA</source>
            <translation>VILLAGE
STAMP</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="320" />
            <source>Daftar dokumen dari paket aturan (DOKUMEN-DAFTAR-ULANG).</source>
            <translation>Document list from the rule pack (DOKUMEN-DAFTAR-ULANG).</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="322" />
            <source>Daftar dokumen baku (belum ada hasil paket aturan untuk keluarga ini).</source>
            <translation>Standard document list (no rule-pack result for this family yet).</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="348" />
            <source>tidak ada</source>
            <translation>none</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="152" />
            <source>Dosier {kind} · {name} · KK {kk} · dibuat {date} dengan Verval Desa</source>
            <translation>{kind} dossier · {name} · KK {kk} · created {date} with Verval Desa</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="351" />
            <source>DOSIER PERMOHONAN</source>
            <translation>REQUEST DOSSIER</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="352" />
            <source>Dibuat</source>
            <translation>Created</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="353" />
            <source>No. permohonan</source>
            <translation>Request no.</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="355" />
            <source>Kepala keluarga</source>
            <translation>Head of family</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="356" />
            <source>No. KK</source>
            <translation>KK no.</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="357" />
            <source>Alamat</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="358" />
            <source>Desil DTSEN</source>
            <translation>DTSEN decile</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="341" />
            <location filename="../../app/ui/dossier_pdf.py" line="359" />
            <source>Program</source>
            <translation>Programme</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="360" />
            <source>Permohonan</source>
            <translation>Request</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="360" />
            <source>diterima</source>
            <translation>received</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="361" />
            <source>status</source>
            <translation>status</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="363" />
            <source>Susunan keluarga</source>
            <translation>Family composition</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="365" />
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="365" />
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="366" />
            <source>Hubungan</source>
            <translation>Relationship</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="367" />
            <source>Tempat, tgl lahir</source>
            <translation>Place, date of birth</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="368" />
            <source>Pekerjaan</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="368" />
            <source>Keterangan</source>
            <translation>Remarks</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="371" />
            <source>Kelengkapan dokumen</source>
            <translation>Document checklist</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="374" />
            <source>Dokumen</source>
            <translation>Document</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="374" />
            <source>Ada/perlu</source>
            <translation>Have/need</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="341" />
            <location filename="../../app/ui/dossier_pdf.py" line="375" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="375" />
            <source>Lampiran</source>
            <translation>Attachment</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="378" />
            <source>Hasil verifikasi (aturan kebijakan)</source>
            <translation>Verification result (policy rules)</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="307" />
            <source>lengkap</source>
            <translation>complete</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="338" />
            <source>Kesimpulan</source>
            <translation>Conclusion</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="342" />
            <source>Hasil</source>
            <translation>Result</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="342" />
            <source>Aturan</source>
            <translation>Rule</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="344" />
            <source>Alasan</source>
            <translation>Reasons</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="397" />
            <source>Lampiran foto dan dokumen</source>
            <translation>Attached photos and documents</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="408" />
            <source>Foto belum tersedia di laptop ini</source>
            <translation>Photo not yet available on this laptop</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="117" />
            <source>hlm. {n}</source>
            <translation>page {n}</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="309" />
            <source>belum</source>
            <translation>missing</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="309" />
            <source>opsional</source>
            <translation>optional</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="347" />
            <source>Data yang masih kurang</source>
            <translation>Data still missing</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="420" />
            <source>Foto</source>
            <translation>Photo</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="313" />
            <source>foto no. {refs}</source>
            <translation>photo no. {refs}</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="328" />
            <source>peserta</source>
            <translation>enrolled</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="328" />
            <source>bukan peserta</source>
            <translation>not enrolled</translation>
        </message>
        <message>
            <location filename="../../app/ui/dossier_pdf.py" line="339" />
            <source>miskin</source>
            <translation>poor</translation>
        </message>
    </context>
    <context>
        <name>HouseSection</name>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="398" />
            <source>&amp;Jumlah keluarga di rumah</source>
            <translation>&amp;Families in the house</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="400" />
            <source>Status &amp;kepemilikan</source>
            <translation>&amp;Ownership</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="402" />
            <source>&amp;Luas lantai</source>
            <translation>&amp;Floor area</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="404" />
            <source>Jenis &amp;lantai terluas</source>
            <translation>Main &amp;floor material</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="406" />
            <source>Jenis &amp;dinding terluas</source>
            <translation>Main &amp;wall material</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="408" />
            <source>Jenis &amp;atap terluas</source>
            <translation>Main &amp;roof material</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="413" />
            <source>Sumber air &amp;minum</source>
            <translation>&amp;Drinking water source</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="414" />
            <source>Sumber &amp;penerangan</source>
            <translation>&amp;Lighting source</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="416" />
            <source>Daya listrik terpasang</source>
            <translation>Installed electricity</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="420" />
            <source>ID pelanggan PLN</source>
            <translation>PLN customer ID</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="421" />
            <source>Bahan bakar &amp;memasak</source>
            <translation>&amp;Cooking fuel</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="422" />
            <source>Fasilitas BAB</source>
            <translation>Toilet facility</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="423" />
            <source>Jenis kloset</source>
            <translation>Toilet type</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="425" />
            <source>Pembuangan akhir tinja</source>
            <translation>Sewage disposal</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="433" />
            <source>Makan daging/susu/ayam paling banyak sekali seminggu</source>
            <translation>Eats meat/milk/chicken at most once a week</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="435" />
            <source>Membeli satu stel pakaian baru setahun sekali</source>
            <translation>Buys one new set of clothes once a year</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="437" />
            <source>Tidak sanggup membayar berobat ke puskesmas</source>
            <translation>Cannot afford treatment at the puskesmas</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="439" />
            <source>Tidak punya tabungan/barang mudah dijual ≥ Rp500.000</source>
            <translation>No savings/easily sold goods ≥ Rp500,000</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="441" />
            <source>Makan per hari</source>
            <translation>Meals per day</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="442" />
            <source>Lahan garapan kepala keluarga</source>
            <translation>Land farmed by the head of family</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="445" />
            <source>Bangunan</source>
            <translation>Building</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="446" />
            <source>Fasilitas</source>
            <translation>Facilities</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="447" />
            <source>Kondisi hidup (kriteria kemiskinan BPS)</source>
            <translation>Living conditions (BPS poverty criteria)</translation>
        </message>
    </context>
    <context>
        <name>HouseholdDetail</name>
        <message>
            <location filename="../../app/ui/household_detail.py" line="59" />
            <source>Kunjungan &amp;baru</source>
            <translation>&amp;New visit</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="62" />
            <source>&amp;Lanjutkan draf</source>
            <translation>&amp;Continue draft</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="64" />
            <source>Lihat kunjungan</source>
            <translation>View visit</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="66" />
            <source>&amp;Koreksi</source>
            <translation>C&amp;orrection</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="73" />
            <source>Pilih keluarga di daftar</source>
            <translation>Select a family in the list</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="77" />
            <source>Data keluarga</source>
            <translation>Family data</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="82" />
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="83" />
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="84" />
            <source>Hubungan</source>
            <translation>Relationship</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="85" />
            <source>Umur</source>
            <translation>Age</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="86" />
            <source>Pekerjaan</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="87" />
            <source>Sekolah/Disabilitas</source>
            <translation>School/Disability</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="98" />
            <source>Anggota keluarga</source>
            <translation>Family members</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="100" />
            <source>Riwayat kunjungan</source>
            <translation>Visit history</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="105" />
            <source>Kesimpulan aturan</source>
            <translation>Rule verdict</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="122" />
            <source>Menghitung…</source>
            <translation>Calculating…</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="138" />
            <source>dari kunjungan terakhir</source>
            <translation>from the last visit</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="140" />
            <source>dari data registri, belum dikunjungi</source>
            <translation>from registry data, not visited yet</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="157" />
            <source>Perlu kunjungan untuk: {items}</source>
            <translation>A visit is needed for: {items}</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="175" />
            <source>Alamat</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="177" />
            <source>Desil</source>
            <translation>Decile</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="178" />
            <source>sejak</source>
            <translation>since</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="183" />
            <source>Program</source>
            <translation>Programme</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="183" />
            <source>Tidak ada</source>
            <translation>None</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_detail.py" line="184" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Belum ada kunjungan.</source>
            <translation type="vanished">No visits yet.</translation>
        </message>
    </context>
    <context>
        <name>HouseholdListModel</name>
        <message>
            <location filename="../../app/ui/household_model.py" line="78" />
            <source>Kepala keluarga</source>
            <translation>Head of family</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_model.py" line="79" />
            <source>No. KK</source>
            <translation>KK no.</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_model.py" line="80" />
            <source>Alamat</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_model.py" line="81" />
            <source>Desil</source>
            <translation>Decile</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_model.py" line="82" />
            <source>Program</source>
            <translation>Programme</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_model.py" line="83" />
            <source>Anggota</source>
            <translation>Members</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_model.py" line="84" />
            <source>Kunjungan</source>
            <translation>Visits</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_model.py" line="118" />
            <source>Tanda data: {flags}</source>
            <translation>Data flags: {flags}</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_model.py" line="136" />
            <source>Belum dikunjungi</source>
            <translation>Not visited</translation>
        </message>
    </context>
    <context>
        <name>LockDialog</name>
        <message>
            <location filename="../../app/ui/idle_lock.py" line="41" />
            <source>Verval Desa terkunci</source>
            <translation>Verval Desa is locked</translation>
        </message>
        <message>
            <location filename="../../app/ui/idle_lock.py" line="48" />
            <source>Buka</source>
            <translation>Unlock</translation>
        </message>
        <message>
            <location filename="../../app/ui/idle_lock.py" line="53" />
            <source>Aplikasi dikunci karena tidak dipakai. Masukkan kata sandi {name}.</source>
            <translation>The app was locked because it was not in use. Enter the password of {name}.</translation>
        </message>
        <message>
            <location filename="../../app/ui/idle_lock.py" line="77" />
            <source>Kata sandi salah.</source>
            <translation>Wrong password.</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <location filename="../../app/ui/login_dialog.py" line="39" />
            <source>Masuk — Verval Desa</source>
            <translation>Sign in — Verval Desa</translation>
        </message>
        <message>
            <location filename="../../app/ui/login_dialog.py" line="48" />
            <source>Nama pengguna</source>
            <translation>Username</translation>
        </message>
        <message>
            <location filename="../../app/ui/login_dialog.py" line="49" />
            <source>Kata sandi</source>
            <translation>Password</translation>
        </message>
        <message>
            <location filename="../../app/ui/login_dialog.py" line="50" />
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <location filename="../../app/ui/login_dialog.py" line="54" />
            <source>Masuk</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <location filename="../../app/ui/login_dialog.py" line="55" />
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../app/ui/login_dialog.py" line="59" />
            <source>&lt;b&gt;Verval Desa&lt;/b&gt;&lt;br&gt;Verifikasi dan validasi data bansos</source>
            <translation>&lt;b&gt;Verval Desa&lt;/b&gt;&lt;br&gt;Verification and validation of social-assistance data</translation>
        </message>
        <message>
            <location filename="../../app/ui/login_dialog.py" line="69" />
            <source>Isi nama pengguna dan kata sandi.</source>
            <translation>Enter your username and password.</translation>
        </message>
        <message>
            <location filename="../../app/ui/login_dialog.py" line="72" />
            <source>Membuka data…</source>
            <translation>Opening data…</translation>
        </message>
        <message>
            <location filename="../../app/ui/login_dialog.py" line="89" />
            <source>Gagal masuk: {error}</source>
            <translation>Sign-in failed: {error}</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../app/ui/main_window.py" line="58" />
            <source>Verval Desa — {name}</source>
            <translation>Verval Desa — {name}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="63" />
            <source>Cari nama, NIK, atau No. KK…</source>
            <translation>Search name, NIK or KK no.…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="72" />
            <source>{n} keluarga</source>
            <translation>{n} families</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="120" />
            <source>Utama</source>
            <translation>Main</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="123" />
            <source>Sinkronkan sekarang</source>
            <translation>Sync now</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="127" />
            <source>Batalkan sinkron</source>
            <translation>Cancel sync</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="131" />
            <source>Jurnal sinkron…</source>
            <translation>Sync log…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="134" />
            <source>Pengaturan…</source>
            <translation>Settings…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="137" />
            <source>Cari</source>
            <translation>Search</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="170" />
            <source>Menunggu dikirim: {n}</source>
            <translation>Waiting to send: {n}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="173" />
            <source>Sinkron terakhir: {when}</source>
            <translation>Last sync: {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="220" />
            <source>Memuat paket aturan…</source>
            <translation>Loading rule pack…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="305" />
            <source>Keluarga</source>
            <translation>Family</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="310" />
            <source>Tinjauan</source>
            <translation>Review</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="320" />
            <source>Permohonan</source>
            <translation>Request</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="38" />
            <source>● Online</source>
            <translation>● Online</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="39" />
            <source>○ Offline</source>
            <translation>○ Offline</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="40" />
            <source>⟳ Menyinkronkan…</source>
            <translation>⟳ Syncing…</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="41" />
            <source>⚠ Gagal sinkron</source>
            <translation>⚠ Sync failed</translation>
        </message>
        <message>
            <location filename="../../app/ui/main_window.py" line="42" />
            <source>⚠ Aplikasi perlu diperbarui</source>
            <translation>⚠ App needs updating</translation>
        </message>
    </context>
    <context>
        <name>MembersSection</name>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="174" />
            <source>Daftar anggota keluarga</source>
            <translation>Family member list</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="178" />
            <source>&amp;Tambah anggota</source>
            <translation>&amp;Add member</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="180" />
            <location filename="../../app/ui/visit/sections.py" line="366" />
            <source>Hapus anggota</source>
            <translation>Remove member</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="185" />
            <source>16 digit</source>
            <translation>16 digits</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="200" />
            <source>Penyakit kronis/menahun</source>
            <translation>Chronic illness</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="201" />
            <source>Hamil atau nifas</source>
            <translation>Pregnant or postpartum</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="215" />
            <source>&amp;Nama lengkap</source>
            <translation>Full &amp;name</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="216" />
            <source>N&amp;IK</source>
            <translation>N&amp;IK</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="218" />
            <source>&amp;Jenis kelamin</source>
            <translation>&amp;Sex</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="219" />
            <source>Tempat lahir</source>
            <translation>Place of birth</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="220" />
            <source>Tanggal &amp;lahir</source>
            <translation>Date of &amp;birth</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="222" />
            <source>&amp;Hubungan dgn kepala</source>
            <translation>&amp;Relationship to head</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="223" />
            <source>Status perkawinan</source>
            <translation>Marital status</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="224" />
            <source>Agama</source>
            <translation>Religion</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="225" />
            <source>Pendidikan tertinggi</source>
            <translation>Highest education</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="226" />
            <source>&amp;Sekolah saat ini</source>
            <translation>Current &amp;schooling</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="227" />
            <source>&amp;Disabilitas</source>
            <translation>&amp;Disability</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="230" />
            <source>Keberadaan</source>
            <translation>Presence</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="244" />
            <source>Periksa setiap orang pada KK terhadap keadaan di rumah. NIK tidak pernah diubah: catat perbedaan, jangan dikoreksi. Orang yang meninggal atau pindah ditandai pada 'Keberadaan', tidak dihapus.</source>
            <translation>Check every person on the KK against who is in the house. A NIK is never changed: note differences, do not correct them. People who died or moved away are marked under 'Presence', not removed.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="310" />
            <source>Tanggal lahir ada di masa depan: periksa kembali.</source>
            <translation>Date of birth is in the future: check it again.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="317" />
            <source>NIK belum diisi</source>
            <translation>NIK not filled in</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="325" />
            <source>✔ Menurut NIK: lahir {date}, {sex}</source>
            <translation>✔ According to the NIK: born {date}, {sex}</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="359" />
            <source>{who} tidak dihapus: masih ada {n} dokumen terlampir atas namanya ({kinds}). Hapus dokumen itu atau pindahkan ke anggota lain di bagian Foto terlebih dahulu.</source>
            <translation>{who} was not removed: {n} document(s) are still attached in their name ({kinds}). First delete those documents or move them to another member in the Photos section.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="368" />
            <source>Hapus {who} dari kunjungan ini? Jika orang ini meninggal atau pindah, lebih baik ubah 'Keberadaan' saja agar riwayatnya tetap tercatat.</source>
            <translation>Remove {who} from this visit? If this person died or moved away, better change 'Presence' only so their history stays on record.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="377" />
            <source>{who} dihapus dari kunjungan.</source>
            <translation>{who} removed from the visit.</translation>
        </message>
    </context>
    <context>
        <name>PhotoPanel</name>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="265" />
            <source>&amp;Jenis foto baru:</source>
            <translation>&amp;Type of new photo:</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="267" />
            <source>&amp;Impor foto…</source>
            <translation>&amp;Import photos…</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="269" />
            <source>Pilih satu atau beberapa foto (Ctrl+I), atau seret foto ke sini</source>
            <translation>Choose one or more photos (Ctrl+I), or drag photos here</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="272" />
            <source>Ambil dengan &amp;kamera</source>
            <translation>Take with &amp;camera</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="273" />
            <source>Ambil foto langsung dengan kamera laptop</source>
            <translation>Take a photo directly with the laptop's camera</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="285" />
            <source>Seret foto dari folder ke sini, atau tekan Impor foto.</source>
            <translation>Drag photos here from a folder, or press Import photos.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="377" />
            <source>Pilih foto</source>
            <translation>Choose photos</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="385" />
            <location filename="../../app/ui/visit/photo_panel.py" line="405" />
            <source>Memproses {n} foto…</source>
            <translation>Processing photos ({n})…</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="404" />
            <source>Foto kamera {time}</source>
            <translation>Camera photo {time}</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="439" />
            <source>Foto tersimpan (terenkripsi).</source>
            <translation>Photo saved (encrypted).</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="493" />
            <source>Wajib: </source>
            <translation>Required: </translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="538" />
            <source>Kamera tidak tersedia di komputer ini.</source>
            <translation>No camera available on this computer.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="47" />
            <source>Foto (*.jpg *.jpeg *.png *.webp *.heic *.heif *.tif *.tiff *.bmp);;Semua berkas (*)</source>
            <translation>Photos (*.jpg *.jpeg *.png *.webp *.heic *.heif *.tif *.tiff *.bmp);;All files (*)</translation>
        </message>
    </context>
    <context>
        <name>PhotoRow</name>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="124" />
            <source>memuat…</source>
            <translation>loading…</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="132" />
            <source>Jenis foto</source>
            <translation>Photo type</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="134" />
            <source>Dokumen milik anggota</source>
            <translation>Document belongs to member</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="142" />
            <source>Hapus</source>
            <translation>Remove</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="143" />
            <source>Hapus foto ini dari kunjungan</source>
            <translation>Remove this photo from the visit</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="166" />
            <source>(keluarga, bukan dokumen pribadi)</source>
            <translation>(family, not a personal document)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="171" />
            <source>(anggota yang sudah dihapus)</source>
            <translation>(member already removed)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="188" />
            <source>foto tidak
ditemukan</source>
            <translation>photo not
found</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="216" />
            <source>Peringatan: foto ini sangat mirip dengan foto rumah keluarga lain ({name}, KK {kk}). Pastikan foto diambil di rumah keluarga ini.</source>
            <translation>Warning: this photo is very similar to the house photo of another family ({name}, KK {kk}). Make sure the photo was taken at this family's house.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="226" />
            <source>waktu tidak diketahui</source>
            <translation>time unknown</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/photo_panel.py" line="229" />
            <source>{w}×{h} px · {kb} KB · {when}</source>
            <translation>{w}×{h} px · {kb} KB · {when}</translation>
        </message>
    </context>
    <context>
        <name>RequestsPanel</name>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="103" />
            <source>Semua jenis</source>
            <translation>All types</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="109" />
            <source>Baru:</source>
            <translation>New:</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="118" />
            <location filename="../../app/ui/requests/panel.py" line="230" />
            <source>Jenis</source>
            <translation>Type</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="118" />
            <location filename="../../app/ui/requests/panel.py" line="232" />
            <source>Keluarga</source>
            <translation>Family</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="118" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="118" />
            <location filename="../../app/ui/requests/panel.py" line="380" />
            <source>Tanggal</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="136" />
            <source>&lt;b&gt;Permohonan desa&lt;/b&gt;</source>
            <translation>&lt;b&gt;Village requests&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="145" />
            <source>Pilih permohonan di daftar, atau buat yang baru.</source>
            <translation>Select a request in the list, or create a new one.</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="160" />
            <source>Catatan keputusan / verifikasi</source>
            <translation>Decision / verification note</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="165" />
            <source>→ {status}</source>
            <translation>→ {status}</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="170" />
            <source>Lampirkan foto…</source>
            <translation>Attach photos…</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="172" />
            <source>Cetak dosier (PDF)</source>
            <translation>Print dossier (PDF)</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="174" />
            <source>Beri nomor SKTM</source>
            <translation>Assign SKTM number</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="176" />
            <source>Nomor dari blok nomor desa yang diambil laptop ini saat sinkron</source>
            <translation>A number from the village's block this laptop reserved at sync</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="191" />
            <source>Dokumen dan foto</source>
            <translation>Documents and photos</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="197" />
            <source>Langkah berikutnya</source>
            <translation>Next step</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="210" />
            <source>Cari nama, NIK, atau No. KK…</source>
            <translation>Search name, NIK or KK no.…</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="220" />
            <source>(belum diisi)</source>
            <translation>(not filled in)</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="223" />
            <source>Alasan / keterangan permohonan</source>
            <translation>Reason / details of the request</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="225" />
            <source>&amp;Simpan permohonan</source>
            <translation>&amp;Save request</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="227" />
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="231" />
            <source>Cari keluarga</source>
            <translation>Search family</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="233" />
            <source>Nama kepala keluarga diusulkan</source>
            <translation>Proposed head of family</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="234" />
            <location filename="../../app/ui/requests/panel.py" line="388" />
            <source>Alamat diusulkan</source>
            <translation>Proposed address</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="235" />
            <source>Lintang (GPS)</source>
            <translation>Latitude (GPS)</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="236" />
            <source>Bujur (GPS)</source>
            <translation>Longitude (GPS)</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="237" />
            <location filename="../../app/ui/requests/panel.py" line="383" />
            <source>Alasan</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="242" />
            <source>Permohonan baru</source>
            <translation>New request</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="314" />
            <source>(keluarga baru)</source>
            <translation>(new family)</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="336" />
            <source>{n} permohonan</source>
            <translation>Requests: {n}</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="378" />
            <source>Dibuat oleh</source>
            <translation>Created by</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="386" />
            <source>GPS</source>
            <translation>GPS</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="390" />
            <source>Nomor SKTM</source>
            <translation>SKTM number</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="392" />
            <source>Catatan keputusan</source>
            <translation>Decision note</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="432" />
            <source>Terlampir: {photos}</source>
            <translation>Attached: {photos}</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="437" />
            <source>Belum ada foto terlampir.</source>
            <translation>No photos attached yet.</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="442" />
            <source>Wajib sebelum verifikasi: {what}</source>
            <translation>Required before verification: {what}</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="447" />
            <source>{have}/{need} foto</source>
            <translation>{have}/{need} photos</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="448" />
            <source>(bila ada)</source>
            <translation>(if any)</translation>
        </message>
        <message>
            <source>Dokumen daftar ulang: KTP-el semua anggota, Kartu Keluarga terbaru, SKTM dengan surat pengantar RT/RW, bukti penghasilan (bila ada), foto rumah luar dan dalam, surat domisili bila alamat KTP berbeda.</source>
            <translation type="vanished">Re-registration documents: e-KTP of all members, latest family card (KK), SKTM with an RT/RW cover letter, proof of income (if any), photos of the outside and inside of the house, certificate of residence if the KTP address differs.</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="468" />
            <source>Tersimpan: status {status}. Terkirim saat sinkron berikutnya.</source>
            <translation>Saved: status {status}. Sent at the next sync.</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="503" />
            <source>Nomor SKTM: {number}</source>
            <translation>SKTM number: {number}</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="511" />
            <source>Nomor SKTM desa ini habis di laptop ini. Sinkronkan untuk mengambil blok nomor baru.</source>
            <translation>This laptop has used up its SKTM numbers for the village. Sync to reserve a new block.</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="529" />
            <source>Membuat dosier…</source>
            <translation>Creating dossier…</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="542" />
            <source> ({n} foto belum ada di laptop)</source>
            <translation> ({n} photo(s) not on this laptop yet)</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="547" />
            <source>Dosier tersimpan: {path}, {pages} halaman{missing}.</source>
            <translation>Dossier saved: {path}, {pages} page(s){missing}.</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="557" />
            <source>Simpan dosier</source>
            <translation>Save dossier</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="557" />
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="563" />
            <source>Pilih foto</source>
            <translation>Choose photos</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="563" />
            <source>Gambar (*.jpg *.jpeg *.png *.heic)</source>
            <translation>Images (*.jpg *.jpeg *.png *.heic)</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="633" />
            <source>Isi nama kepala keluarga yang diusulkan.</source>
            <translation>Enter the name of the proposed head of family.</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="657" />
            <source>Permohonan tersimpan. Terkirim saat sinkron berikutnya.</source>
            <translation>Request saved. Sent at the next sync.</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="56" />
            <source>Kelengkapan dokumen</source>
            <translation>Document checklist</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="49" />
            <source>Daftar ulang</source>
            <translation>Re-registration</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="50" />
            <source>Usul keluarga baru</source>
            <translation>New family proposal</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="51" />
            <source>Sanggah</source>
            <translation>Objection</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="52" />
            <source>Graduasi mandiri</source>
            <translation>Voluntary graduation</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="55" />
            <source>Diterima</source>
            <translation>Received</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="57" />
            <source>Verifikasi</source>
            <translation>Verification</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="58" />
            <source>Disetujui</source>
            <translation>Approved</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="59" />
            <source>Ditolak</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="592" />
            <source>Keluarga yang sudah graduasi dan keadaannya memburuk dapat mendaftar ulang. Setelah disimpan, lengkapi dokumen lalu cetak dosier.</source>
            <translation>A graduated family whose situation got worse can re-register. After saving, complete the documents, then print the dossier.</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="594" />
            <source>Usulkan keluarga miskin yang belum terdaftar. Sertakan lokasi GPS rumah.</source>
            <translation>Propose a poor family that is not registered yet. Include the GPS location of the house.</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="595" />
            <source>Sanggahan atas keluarga penerima yang dinilai tidak layak. Wajib foto rumah dengan GPS sebelum verifikasi.</source>
            <translation>Objection to a beneficiary family judged ineligible. A house photo with GPS is required before verification.</translation>
        </message>
        <message>
            <location filename="../../app/ui/requests/panel.py" line="597" />
            <source>Keluarga menyatakan sudah mampu. Wajib foto surat pernyataan yang ditandatangani sebelum verifikasi.</source>
            <translation>The family declares it is now well off. A photo of the signed statement is required before verification.</translation>
        </message>
    </context>
    <context>
        <name>ReviewComments</name>
        <message>
            <location filename="../../app/ui/review/comments.py" line="54" />
            <source>Catatan pemeriksa {who} — perbaiki data berikut:</source>
            <translation>Reviewer {who}'s notes — please fix the following:</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/comments.py" line="116" />
            <source>Catatan pemeriksa: {comment}</source>
            <translation>Reviewer's note: {comment}</translation>
        </message>
    </context>
    <context>
        <name>ReviewFields</name>
        <message>
            <location filename="../../app/ui/review/fields.py" line="15" />
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="16" />
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="18" />
            <source>Tempat lahir</source>
            <translation>Place of birth</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="22" />
            <source>Agama</source>
            <translation>Religion</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="25" />
            <source>Pekerjaan</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="26" />
            <source>Jumlah usaha</source>
            <translation>Number of businesses</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="30" />
            <source>Penghasilan per bulan</source>
            <translation>Monthly income</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="35" />
            <source>Aset</source>
            <translation>Assets</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="36" />
            <source>Penilaian rumah</source>
            <translation>House assessment</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="39" />
            <source>Kesimpulan</source>
            <translation>Conclusion</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="57" />
            <source>Anggota ke-{n}</source>
            <translation>Member {n}</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="85" />
            <source>ya</source>
            <translation>yes</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="85" />
            <source>tidak</source>
            <translation>no</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="17" />
            <source>Jenis kelamin</source>
            <translation>Sex</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="19" />
            <source>Tanggal lahir</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="20" />
            <source>Hubungan dengan kepala</source>
            <translation>Relationship to head</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="21" />
            <source>Status kawin</source>
            <translation>Marital status</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="23" />
            <source>Pendidikan</source>
            <translation>Education</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="24" />
            <source>Jenjang sekolah</source>
            <translation>School level</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="27" />
            <source>Disabilitas</source>
            <translation>Disability</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="28" />
            <source>Penyakit kronis</source>
            <translation>Chronic illness</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="29" />
            <source>Hamil</source>
            <translation>Pregnant</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="31" />
            <source>Status anggota</source>
            <translation>Member status</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="34" />
            <source>Rumah</source>
            <translation>House</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="37" />
            <source>Kondisi hidup</source>
            <translation>Living conditions</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/fields.py" line="38" />
            <source>Usaha</source>
            <translation>Business</translation>
        </message>
    </context>
    <context>
        <name>ReviewPanel</name>
        <message>
            <location filename="../../app/ui/review/view.py" line="595" />
            <source>Muat ulang</source>
            <translation>Reload</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="589" />
            <location filename="../../app/ui/review/view.py" line="613" />
            <source>Desa</source>
            <translation>Village</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="589" />
            <location filename="../../app/ui/review/view.py" line="615" />
            <source>Hasil</source>
            <translation>Result</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="589" />
            <location filename="../../app/ui/review/view.py" line="617" />
            <source>Tanda</source>
            <translation>Flags</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="590" />
            <location filename="../../app/ui/review/view.py" line="619" />
            <source>Umur</source>
            <translation>Age</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="626" />
            <source>&lt;b&gt;Antrean pemeriksaan&lt;/b&gt;</source>
            <translation>&lt;b&gt;Review queue&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="647" />
            <source>{n} kunjungan menunggu</source>
            <translation>Visits waiting: {n}</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="661" />
            <source>Semua desa</source>
            <translation>All villages</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="662" />
            <source>Semua hasil</source>
            <translation>All results</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="663" />
            <source>Semua tanda</source>
            <translation>All flags</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="664" />
            <source>Hasil server berbeda</source>
            <translation>Server result differs</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="61" />
            <source>Semua umur</source>
            <translation>Any age</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="61" />
            <source>≥ 3 hari</source>
            <translation>≥ 3 days</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="61" />
            <source>≥ 7 hari</source>
            <translation>≥ 7 days</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="61" />
            <source>≥ 14 hari</source>
            <translation>≥ 14 days</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="61" />
            <source>≥ 30 hari</source>
            <translation>≥ 30 days</translation>
        </message>
    </context>
    <context>
        <name>ReviewQueueModel</name>
        <message>
            <location filename="../../app/ui/review/queue_model.py" line="32" />
            <source>Keluarga</source>
            <translation>Family</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/queue_model.py" line="33" />
            <source>Desa</source>
            <translation>Village</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/queue_model.py" line="34" />
            <source>Petugas</source>
            <translation>Officer</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/queue_model.py" line="35" />
            <source>Umur</source>
            <translation>Age</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/queue_model.py" line="36" />
            <source>Hasil aturan</source>
            <translation>Rule result</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/queue_model.py" line="37" />
            <source>Tanda</source>
            <translation>Flags</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/queue_model.py" line="96" />
            <source>koreksi · </source>
            <translation>correction · </translation>
        </message>
        <message>
            <location filename="../../app/ui/review/queue_model.py" line="104" />
            <source>{n} hr</source>
            <translation>{n} d</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/queue_model.py" line="110" />
            <source>⚠ beda server</source>
            <translation>⚠ server differs</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/queue_model.py" line="119" />
            <source>Dikirim {when}</source>
            <translation>Submitted {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/queue_model.py" line="121" />
            <source>Tanda data: {flags}</source>
            <translation>Data flags: {flags}</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/queue_model.py" line="123" />
            <source>Pemeriksaan ulang di server memberi hasil lain.</source>
            <translation>The re-check on the server gave a different result.</translation>
        </message>
    </context>
    <context>
        <name>ReviewView</name>
        <message>
            <location filename="../../app/ui/review/view.py" line="99" />
            <source>Pilih kunjungan di antrean</source>
            <translation>Select a visit in the queue</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="109" />
            <source>⚠ Pemeriksaan ulang di server dengan paket aturan yang sama memberi hasil lain. Periksa isian sebelum menyetujui.</source>
            <translation>⚠ The re-check on the server with the same rule pack gave a different result. Check the answers before approving.</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="117" />
            <source>Hanya yang berubah</source>
            <translation>Changes only</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="124" />
            <source>Data</source>
            <translation>Data</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="124" />
            <source>Registri</source>
            <translation>Registry</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="124" />
            <source>Kunjungan</source>
            <translation>Visits</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="124" />
            <source>Catatan pemeriksa</source>
            <translation>Reviewer's note</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="144" />
            <source>&lt;b&gt;Registri dan hasil kunjungan&lt;/b&gt;</source>
            <translation>&lt;b&gt;Registry and visit results&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="151" />
            <source>Tulis catatan di kolom terakhir pada baris data yang perlu diperbaiki petugas.</source>
            <translation>Write a note in the last column of each row the officer needs to fix.</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="164" />
            <location filename="../../app/ui/review/view.py" line="453" />
            <source>Tidak ada foto.</source>
            <translation>No photos.</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="181" />
            <source>Hasil aturan</source>
            <translation>Rule result</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="182" />
            <source>Foto</source>
            <translation>Photo</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="183" />
            <source>Riwayat</source>
            <translation>History</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="194" />
            <source>Catatan umum / alasan (wajib untuk menolak)</source>
            <translation>General note / reason (required to reject)</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="195" />
            <source>&amp;Setujui</source>
            <translation>&amp;Approve</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="198" />
            <source>&amp;Kembalikan</source>
            <translation>Re&amp;turn</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="201" />
            <source>&amp;Tolak</source>
            <translation>&amp;Reject</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="257" />
            <source>KK {kk} · {address}, RT {rt}/RW {rw} · desa {village} · petugas {officer} · dikirim {when}</source>
            <translation>KK {kk} · {address}, RT {rt}/RW {rw} · village {village} · officer {officer} · submitted {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="270" />
            <source>Koreksi</source>
            <translation>Correction</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="310" />
            <source>{n} data berbeda dari registri</source>
            <translation>{n} answer(s) differ from the registry</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="311" />
            <source> · {n} dikoreksi</source>
            <translation> · {n} corrected</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="337" />
            <source>Berbeda dari registri</source>
            <translation>Differs from the registry</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="341" />
            <source>Catatan untuk petugas pada data ini</source>
            <translation>Note for the officer on this answer</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="406" />
            <source>Bantuan PKH: {total} per tahun ({n} komponen)</source>
            <translation>PKH benefit: {total} per year ({n} components)</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="426" />
            <source>Koreksi atas kunjungan {when} yang {state} oleh {who}.</source>
            <translation>Correction of the visit of {when} ({state}) by {who}.</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="452" />
            <source>Foto ({n})</source>
            <translation>Photos ({n})</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="453" />
            <source>Memuat foto…</source>
            <translation>Loading photos…</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="498" />
            <source>Foto belum terunduh ke laptop ini.</source>
            <translation>Photo not yet downloaded to this laptop.</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="507" />
            <source>tanpa GPS</source>
            <translation>no GPS</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="510" />
            <source>{kind} · {w}×{h} px · {when} · {gps} · oleh {who}</source>
            <translation>{kind} · {w}×{h} px · {when} · {gps} · by {who}</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="551" />
            <source>Disetujui. Keputusan terkirim saat sinkron berikutnya.</source>
            <translation>Approved. The decision is sent at the next sync.</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="553" />
            <source>Dikembalikan ke petugas dengan {n} catatan. Terkirim saat sinkron berikutnya.</source>
            <translation>Returned to the officer with {n} note(s). Sent at the next sync.</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="555" />
            <source>Ditolak. Keputusan terkirim saat sinkron berikutnya.</source>
            <translation>Rejected. The decision is sent at the next sync.</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="63" />
            <source>Dapur</source>
            <translation>Kitchen</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="66" />
            <source>Lainnya</source>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="63" />
            <source>Rumah depan</source>
            <translation>House front</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="63" />
            <source>Rumah dalam</source>
            <translation>House inside</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="63" />
            <source>Toilet</source>
            <translation>Toilet</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="64" />
            <source>Rumah samping</source>
            <translation>House side</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="64" />
            <source>Kartu Keluarga</source>
            <translation>Family card (KK)</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="64" />
            <source>KTP</source>
            <translation>KTP</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="64" />
            <source>SKTM</source>
            <translation>SKTM</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="65" />
            <source>Bukti penghasilan</source>
            <translation>Proof of income</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="65" />
            <source>Surat domisili</source>
            <translation>Certificate of residence</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/view.py" line="66" />
            <source>Surat pernyataan</source>
            <translation>Signed statement</translation>
        </message>
    </context>
    <context>
        <name>RupiahEdit</name>
        <message>
            <location filename="../../app/ui/visit/widgets.py" line="91" />
            <source>Isi jumlah rupiah dengan angka saja; jumlah tidak boleh negatif atau berkoma.</source>
            <translation>Enter the rupiah amount in digits only; it cannot be negative or have decimals.</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="74" />
            <source>Pengaturan</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="80" />
            <source>Otomatis, mengikuti jaringan</source>
            <translation>Automatic, following the network</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="84" />
            <source>Otomatis saat jaringan cepat</source>
            <translation>Automatic on a fast network</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="85" />
            <source>Selalu</source>
            <translation>Always</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="86" />
            <source>Hanya saat diminta</source>
            <translation>Only on request</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="87" />
            <source>Membaca…</source>
            <translation>Reading…</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="91" />
            <source> menit</source>
            <translation> min</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="94" />
            <source>Bahasa (setelah mulai ulang)</source>
            <translation>Language (after restart)</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="95" />
            <source>Mutu foto</source>
            <translation>Photo quality</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="96" />
            <source>Jaringan terakhir</source>
            <translation>Last network</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="97" />
            <source>Foto ukuran penuh</source>
            <translation>Full-size photos</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="98" />
            <source>Kunci otomatis setelah</source>
            <translation>Auto-lock after</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="102" />
            <source>Simpan</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="103" />
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="117" />
            <source>RTT {rtt} ms · naik {up} kbps · turun {down} kbps</source>
            <translation>RTT {rtt} ms · up {up} kbps · down {down} kbps</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="123" />
            <source>belum diukur</source>
            <translation>not measured yet</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings_dialog.py" line="125" />
            <source>{link}; otomatis sekarang: {profile}</source>
            <translation>{link}; automatic now: {profile}</translation>
        </message>
    </context>
    <context>
        <name>SyncPanel</name>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="87" />
            <source>Sinkronisasi</source>
            <translation>Synchronisation</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="93" />
            <source>Sinkronkan sekarang</source>
            <translation>Sync now</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="95" />
            <source>Batalkan</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="97" />
            <source>Ekspor bundel USB…</source>
            <translation>Export USB bundle…</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="99" />
            <source>Semua pekerjaan yang belum terkirim, beserta fotonya, dalam satu berkas</source>
            <translation>All work not yet sent, with its photos, in one file</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="102" />
            <source>Impor bundel…</source>
            <translation>Import bundle…</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="103" />
            <source>Bundel dari kantor kecamatan untuk laptop ini</source>
            <translation>A bundle from the kecamatan office for this laptop</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="117" />
            <location filename="../../app/ui/sync_panel.py" line="124" />
            <location filename="../../app/ui/sync_panel.py" line="130" />
            <source>Data</source>
            <translation>Data</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="118" />
            <location filename="../../app/ui/sync_panel.py" line="124" />
            <source>ID</source>
            <translation>ID</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="119" />
            <source>Perubahan</source>
            <translation>Change</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="120" />
            <location filename="../../app/ui/sync_panel.py" line="126" />
            <source>Percobaan</source>
            <translation>Attempts</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="121" />
            <location filename="../../app/ui/sync_panel.py" line="126" />
            <source>Galat terakhir</source>
            <translation>Last error</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="124" />
            <location filename="../../app/ui/sync_panel.py" line="162" />
            <source>Jawaban server</source>
            <translation>Server response</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="124" />
            <source>Alasan</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="43" />
            <source>Foto</source>
            <translation>Photo</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="126" />
            <source>Terkirim</source>
            <translation>Sent</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="131" />
            <source>Kolom</source>
            <translation>Field</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="132" />
            <source>Semula</source>
            <translation>Original</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="133" />
            <source>Punya saya</source>
            <translation>Mine</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="134" />
            <source>Dari server</source>
            <translation>From server</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="137" />
            <source>Pakai punya saya</source>
            <translation>Use mine</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="138" />
            <source>Pakai dari server</source>
            <translation>Use server's</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="139" />
            <source>Ubah nilai…</source>
            <translation>Change value…</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="148" />
            <source>Kolom yang diubah di laptop ini dan di server dengan nilai berbeda. Nilai server berlaku sampai Anda memilih.</source>
            <translation>Fields changed both on this laptop and on the server with different values. The server value applies until you choose.</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="161" />
            <source>Menunggu dikirim</source>
            <translation>Waiting to send</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="163" />
            <source>Unggahan foto</source>
            <translation>Photo uploads</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="164" />
            <source>Konflik</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="225" />
            <source>Konflik ({n})</source>
            <translation>Conflicts ({n})</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="226" />
            <source>Menunggu dikirim ({n})</source>
            <translation>Waiting to send ({n})</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="258" />
            <source>Ubah nilai</source>
            <translation>Change value</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="258" />
            <source>Nilai baru untuk {field}:</source>
            <translation>New value for {field}:</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="271" />
            <source>Simpan bundel</source>
            <translation>Save bundle</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="272" />
            <source>Bundel Verval Desa (*.vbundle)</source>
            <translation>Verval Desa bundle (*.vbundle)</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="277" />
            <source>Menulis bundel…</source>
            <translation>Writing the bundle…</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="294" />
            <source>Buka bundel</source>
            <translation>Open bundle</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="294" />
            <source>Bundel Verval Desa (*.vbundle);;Semua berkas (*)</source>
            <translation>Verval Desa bundle (*.vbundle);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="299" />
            <source>Membaca bundel…</source>
            <translation>Reading the bundle…</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="324" />
            <source>Bundel ditulis: {path} ({n} perubahan, {photos} foto, {kb} KB).</source>
            <translation>Bundle written: {path} ({n} changes, {photos} photos, {kb} KB).</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="328" />
            <source>{n} foto tidak ditemukan di laptop dan tidak ikut.</source>
            <translation>{n} photos were not found on this laptop and are not included.</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="335" />
            <source>Bundel ini sudah pernah diimpor; tidak ada yang berubah.</source>
            <translation>This bundle was imported before; nothing changed.</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="338" />
            <source>Bundel diimpor: {n} perubahan, {photos} foto.</source>
            <translation>Bundle imported: {n} changes, {photos} photos.</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="345" />
            <source>Bundel tidak dapat diproses: {error}</source>
            <translation>The bundle cannot be processed: {error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="355" />
            <source>Status: {state} · sinkron terakhir {when}</source>
            <translation>Status: {state} · last sync {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="40" />
            <source>Keluarga</source>
            <translation>Family</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="41" />
            <source>Anggota</source>
            <translation>Members</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="42" />
            <source>Kunjungan</source>
            <translation>Visits</translation>
        </message>
        <message>
            <location filename="../../app/ui/sync_panel.py" line="44" />
            <source>Permohonan</source>
            <translation>Request</translation>
        </message>
    </context>
    <context>
        <name>VerdictPanel</name>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="131" />
            <source>Kesimpulan aturan (langsung)</source>
            <translation>Rule verdict (live)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="133" />
            <location filename="../../app/ui/visit/verdict_panel.py" line="164" />
            <source>Menghitung…</source>
            <translation>Calculating…</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="179" />
            <source>Aturan tidak dapat dihitung</source>
            <translation>Rules could not be evaluated</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="189" />
            <source>Paket aturan {pack} versi {version} · tanggal acuan {date}</source>
            <translation>Rule pack {pack} version {version} · reference date {date}</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="213" />
            <source>peserta</source>
            <translation>enrolled</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="213" />
            <source>bukan peserta</source>
            <translation>not enrolled</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="218" />
            <source>Per program</source>
            <translation>By programme</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="225" />
            <source>perlu konfirmasi</source>
            <translation>needs confirmation</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="233" />
            <source>Alasan</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="243" />
            <source>melebihi batas komponen</source>
            <translation>exceeds the component cap</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="245" />
            <source>melebihi batas anak</source>
            <translation>exceeds the child cap</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="252" />
            <source>Total per tahun {year} · per tahap {stage}</source>
            <translation>Total per year {year} · per stage {stage}</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="256" />
            <source>Komponen PKH</source>
            <translation>PKH components</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="265" />
            <source>Tanda data</source>
            <translation>Data flags</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="275" />
            <source>Kriteria kemiskinan BPS</source>
            <translation>BPS poverty criteria</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="278" />
            <source>{n} dari 14 kriteria terpenuhi ({which})</source>
            <translation>{n} of 14 criteria met ({which})</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="287" />
            <source>Masih diperlukan untuk menyimpulkan</source>
            <translation>Still needed for a verdict</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="298" />
            <source>Dokumen daftar ulang</source>
            <translation>Re-registration documents</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/verdict_panel.py" line="316" />
            <source>Aturan yang gagal dihitung</source>
            <translation>Rules that failed to evaluate</translation>
        </message>
    </context>
    <context>
        <name>VillageOverview</name>
        <message>
            <location filename="../../app/ui/overview.py" line="27" />
            <source>Per desil</source>
            <translation>By decile</translation>
        </message>
        <message>
            <location filename="../../app/ui/overview.py" line="28" />
            <source>Per program</source>
            <translation>By programme</translation>
        </message>
        <message>
            <location filename="../../app/ui/overview.py" line="29" />
            <source>Kunjungan</source>
            <translation>Visits</translation>
        </message>
        <message>
            <location filename="../../app/ui/overview.py" line="44" />
            <source>{households} keluarga · {members} jiwa</source>
            <translation>{households} families · {members} people</translation>
        </message>
        <message>
            <location filename="../../app/ui/overview.py" line="49" />
            <source>Desil {k}</source>
            <translation>Decile {k}</translation>
        </message>
        <message>
            <location filename="../../app/ui/overview.py" line="50" />
            <source>Tidak ada</source>
            <translation>None</translation>
        </message>
        <message>
            <location filename="../../app/ui/overview.py" line="52" />
            <source>Menunggu dikirim</source>
            <translation>Waiting to send</translation>
        </message>
    </context>
    <context>
        <name>VisitChoices</name>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="26" />
            <source>Laki-laki</source>
            <translation>Male</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="26" />
            <source>Perempuan</source>
            <translation>Female</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="28" />
            <source>Kepala keluarga</source>
            <translation>Head of family</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="29" />
            <source>Istri/suami</source>
            <translation>Wife/husband</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="30" />
            <source>Anak</source>
            <translation>Child</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="31" />
            <source>Menantu</source>
            <translation>Child-in-law</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="32" />
            <source>Cucu</source>
            <translation>Grandchild</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="33" />
            <source>Orang tua</source>
            <translation>Parent</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="34" />
            <source>Mertua</source>
            <translation>Parent-in-law</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="35" />
            <source>Famili lain</source>
            <translation>Other relative</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="36" />
            <location filename="../../app/ui/visit/labels.py" line="89" />
            <location filename="../../app/ui/visit/labels.py" line="107" />
            <location filename="../../app/ui/visit/labels.py" line="116" />
            <location filename="../../app/ui/visit/labels.py" line="125" />
            <location filename="../../app/ui/visit/labels.py" line="134" />
            <location filename="../../app/ui/visit/labels.py" line="145" />
            <location filename="../../app/ui/visit/labels.py" line="189" />
            <location filename="../../app/ui/visit/labels.py" line="204" />
            <source>Lainnya</source>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="39" />
            <source>Belum kawin</source>
            <translation>Not married</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="40" />
            <source>Kawin</source>
            <translation>Married</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="41" />
            <source>Cerai hidup</source>
            <translation>Divorced</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="42" />
            <source>Cerai mati</source>
            <translation>Widowed</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="45" />
            <location filename="../../app/ui/visit/labels.py" line="55" />
            <source>(belum diisi)</source>
            <translation>(not filled in)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="46" />
            <source>Islam</source>
            <translation>Islam</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="47" />
            <source>Kristen</source>
            <translation>Protestant</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="48" />
            <source>Katolik</source>
            <translation>Catholic</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="49" />
            <source>Hindu</source>
            <translation>Hindu</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="50" />
            <source>Buddha</source>
            <translation>Buddhist</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="51" />
            <source>Khonghucu</source>
            <translation>Confucian</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="52" />
            <source>Kepercayaan</source>
            <translation>Indigenous belief</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="56" />
            <source>Tidak/belum pernah sekolah</source>
            <translation>Never attended school</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="57" />
            <source>Belum tamat SD (masih sekolah)</source>
            <translation>Not finished primary school (still in school)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="58" />
            <source>Tidak tamat SD</source>
            <translation>Did not finish primary school</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="59" />
            <location filename="../../app/ui/visit/labels.py" line="67" />
            <source>SD/sederajat</source>
            <translation>Primary school (SD) or equivalent</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="60" />
            <location filename="../../app/ui/visit/labels.py" line="68" />
            <source>SMP/sederajat</source>
            <translation>Junior high (SMP) or equivalent</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="61" />
            <location filename="../../app/ui/visit/labels.py" line="69" />
            <source>SMA/SMK/sederajat</source>
            <translation>Senior high (SMA/SMK) or equivalent</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="62" />
            <source>Diploma/S1 atau lebih</source>
            <translation>Diploma/bachelor's or higher</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="65" />
            <source>Tidak sedang sekolah</source>
            <translation>Not in school</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="66" />
            <source>PAUD/TK</source>
            <translation>Preschool (PAUD/TK)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="70" />
            <source>Perguruan tinggi</source>
            <translation>Higher education</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="73" />
            <source>Tidak bekerja</source>
            <translation>Not working</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="74" />
            <source>Petani</source>
            <translation>Farmer</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="75" />
            <source>Nelayan</source>
            <translation>Fisher</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="76" />
            <source>Buruh</source>
            <translation>Labourer</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="77" />
            <source>Pedagang</source>
            <translation>Trader</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="78" />
            <source>Wiraswasta</source>
            <translation>Self-employed</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="79" />
            <source>Karyawan swasta</source>
            <translation>Private employee</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="80" />
            <source>Guru honorer</source>
            <translation>Contract teacher (honorer)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="81" />
            <source>Pelajar/mahasiswa</source>
            <translation>Pupil/student</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="82" />
            <source>Mengurus rumah tangga</source>
            <translation>Homemaker</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="83" />
            <source>PNS (ASN)</source>
            <translation>Civil servant, PNS (ASN)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="84" />
            <source>PPPK/P3K (ASN)</source>
            <translation>Contract civil servant, PPPK/P3K (ASN)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="85" />
            <source>TNI</source>
            <translation>Armed forces (TNI)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="86" />
            <source>Polri</source>
            <translation>Police (Polri)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="87" />
            <source>Perangkat desa</source>
            <translation>Village official</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="88" />
            <source>Guru bersertifikasi</source>
            <translation>Certified teacher</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="92" />
            <location filename="../../app/ui/visit/labels.py" line="174" />
            <source>Tidak ada</source>
            <translation>None</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="93" />
            <source>Ringan</source>
            <translation>Mild</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="94" />
            <source>Sedang</source>
            <translation>Moderate</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="95" />
            <source>Berat</source>
            <translation>Severe</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="98" />
            <source>Ada (tinggal di rumah)</source>
            <translation>Present (lives in the house)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="99" />
            <source>Meninggal</source>
            <translation>Died</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="100" />
            <source>Pindah</source>
            <translation>Moved away</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="103" />
            <source>Milik sendiri</source>
            <translation>Owned</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="104" />
            <source>Kontrak/sewa</source>
            <translation>Rented/leased</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="105" />
            <source>Bebas sewa (menumpang)</source>
            <translation>Rent-free (lodging)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="106" />
            <source>Rumah dinas</source>
            <translation>Official housing</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="110" />
            <source>Keramik/marmer/granit</source>
            <translation>Ceramic/marble/granite</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="111" />
            <source>Semen/plester</source>
            <translation>Cement/screed</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="112" />
            <source>Kayu/papan kualitas tinggi</source>
            <translation>High-quality wood/boards</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="113" />
            <source>Kayu/papan murah</source>
            <translation>Cheap wood/boards</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="114" />
            <source>Bambu</source>
            <translation>Bamboo</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="115" />
            <source>Tanah</source>
            <translation>Earth</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="119" />
            <source>Tembok diplester</source>
            <translation>Plastered brick wall</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="120" />
            <source>Tembok tanpa plester</source>
            <translation>Unplastered brick wall</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="121" />
            <source>Kayu kualitas tinggi</source>
            <translation>High-quality wood</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="122" />
            <source>Kayu kualitas rendah</source>
            <translation>Low-quality wood</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="123" />
            <source>Bambu/anyaman bambu</source>
            <translation>Bamboo/woven bamboo</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="124" />
            <source>Rumbia/daun</source>
            <translation>Thatch/leaves</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="128" />
            <source>Beton</source>
            <translation>Concrete</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="129" />
            <source>Genteng</source>
            <translation>Roof tiles</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="130" />
            <source>Seng</source>
            <translation>Corrugated zinc</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="131" />
            <source>Asbes</source>
            <translation>Asbestos</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="132" />
            <source>Kayu/sirap</source>
            <translation>Wood/shingles</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="133" />
            <source>Ijuk/rumbia</source>
            <translation>Palm fibre/thatch</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="137" />
            <source>Leding/PDAM</source>
            <translation>Piped water (PDAM)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="138" />
            <source>Air kemasan/isi ulang</source>
            <translation>Bottled/refill water</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="139" />
            <source>Sumur terlindung</source>
            <translation>Protected well</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="140" />
            <source>Sumur tak terlindung</source>
            <translation>Unprotected well</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="141" />
            <source>Mata air terlindung</source>
            <translation>Protected spring</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="142" />
            <source>Mata air tak terlindung</source>
            <translation>Unprotected spring</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="143" />
            <source>Sungai/danau</source>
            <translation>River/lake</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="144" />
            <source>Air hujan</source>
            <translation>Rainwater</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="148" />
            <source>Listrik PLN dengan meteran</source>
            <translation>PLN electricity with meter</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="149" />
            <source>Listrik PLN tanpa meteran</source>
            <translation>PLN electricity without meter</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="150" />
            <source>Listrik non-PLN</source>
            <translation>Non-PLN electricity</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="151" />
            <source>Bukan listrik</source>
            <translation>Not electricity</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="154" />
            <source>450 VA</source>
            <translation>450 VA</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="155" />
            <source>900 VA</source>
            <translation>900 VA</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="156" />
            <source>1.300 VA</source>
            <translation>1,300 VA</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="157" />
            <source>2.200 VA</source>
            <translation>2,200 VA</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="158" />
            <source>Lebih dari 2.200 VA</source>
            <translation>More than 2,200 VA</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="159" />
            <source>Tanpa meteran</source>
            <translation>No meter</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="162" />
            <source>Listrik</source>
            <translation>Electricity</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="163" />
            <source>Elpiji/gas</source>
            <translation>LPG/gas</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="164" />
            <source>Biogas</source>
            <translation>Biogas</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="165" />
            <source>Minyak tanah</source>
            <translation>Kerosene</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="166" />
            <source>Arang/briket</source>
            <translation>Charcoal/briquettes</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="167" />
            <source>Kayu bakar</source>
            <translation>Firewood</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="168" />
            <source>Tidak memasak</source>
            <translation>Does not cook</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="171" />
            <source>Sendiri</source>
            <translation>Own</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="172" />
            <source>Bersama rumah tangga lain</source>
            <translation>Shared with other households</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="173" />
            <source>Umum (MCK)</source>
            <translation>Public (MCK)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="177" />
            <source>Leher angsa</source>
            <translation>Gooseneck (water seal)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="178" />
            <source>Plengsengan</source>
            <translation>Sloped (plengsengan)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="179" />
            <source>Cemplung/cubluk</source>
            <translation>Pit latrine (cemplung/cubluk)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="180" />
            <source>Tidak ada kloset</source>
            <translation>No toilet bowl</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="183" />
            <source>Tangki septik</source>
            <translation>Septic tank</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="184" />
            <source>IPAL</source>
            <translation>Sewage treatment plant (IPAL)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="185" />
            <source>Kolam/sawah</source>
            <translation>Pond/rice field</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="186" />
            <source>Sungai/danau/laut</source>
            <translation>River/lake/sea</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="187" />
            <source>Lubang tanah</source>
            <translation>Hole in the ground</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="188" />
            <source>Pantai/tanah lapang/kebun</source>
            <translation>Beach/open field/garden</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="191" />
            <source>Sepeda motor</source>
            <translation>Motorcycle</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="191" />
            <source>Mobil</source>
            <translation>Car</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="193" />
            <source>Rumah bagian depan</source>
            <translation>Front of the house</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="194" />
            <source>Rumah bagian dalam</source>
            <translation>Inside of the house</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="195" />
            <source>Rumah bagian samping</source>
            <translation>Side of the house</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="196" />
            <source>Dapur</source>
            <translation>Kitchen</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="197" />
            <source>Jamban/toilet</source>
            <translation>Toilet</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="198" />
            <source>Dokumen: Kartu Keluarga</source>
            <translation>Document: family card (KK)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="199" />
            <source>Dokumen: KTP-el</source>
            <translation>Document: e-KTP</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="200" />
            <source>Dokumen: SKTM</source>
            <translation>Document: SKTM</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="201" />
            <source>Dokumen: bukti penghasilan</source>
            <translation>Document: proof of income</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="202" />
            <source>Dokumen: surat domisili</source>
            <translation>Document: certificate of residence</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/labels.py" line="203" />
            <source>Dokumen: surat pernyataan</source>
            <translation>Document: signed statement</translation>
        </message>
    </context>
    <context>
        <name>VisitForm</name>
        <message>
            <location filename="../../app/ui/visit/form.py" line="108" />
            <source>Kunjungan verval — {name}</source>
            <translation>Verval visit — {name}</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="134" />
            <source>Bagian formulir</source>
            <translation>Form sections</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="169" />
            <source>No. KK {kk} · {address}, RT {rt}/RW {rw} · desil {desil}</source>
            <translation>KK no. {kk} · {address}, RT {rt}/RW {rw} · decile {desil}</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="187" />
            <source>◀ Sebelumnya</source>
            <translation>◀ Previous</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="190" />
            <source>Berikutnya ▶</source>
            <translation>Next ▶</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="193" />
            <source>&amp;Simpan draf</source>
            <translation>&amp;Save draft</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="194" />
            <source>Draf juga tersimpan otomatis (Ctrl+S)</source>
            <translation>The draft is also saved automatically (Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="196" />
            <source>&amp;Kirim kunjungan</source>
            <translation>Su&amp;bmit visit</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="197" />
            <source>Periksa lalu kirim ke antrean sinkron (Ctrl+Enter)</source>
            <translation>Check, then send to the sync queue (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="200" />
            <source>Buat &amp;koreksi</source>
            <translation>Make a &amp;correction</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="202" />
            <source>&amp;Tutup</source>
            <translation>C&amp;lose</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="407" />
            <source>Draf tersimpan {time} (di komputer ini, belum dikirim)</source>
            <translation>Draft saved {time} (on this computer, not sent yet)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="420" />
            <source>Draf BELUM tersimpan</source>
            <translation>Draft NOT saved</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="421" />
            <source>Draf gagal disimpan: {message}</source>
            <translation>Draft could not be saved: {message}</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="435" />
            <source>Kunjungan belum dapat dikirim: </source>
            <translation>The visit cannot be submitted yet: </translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="438" />
            <source>Tunggu sampai semua foto selesai diproses, lalu kirim lagi.</source>
            <translation>Wait until all photos are processed, then submit again.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="442" />
            <source>Mengirim ke antrean sinkron…</source>
            <translation>Sending to the sync queue…</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="461" />
            <source>Kunjungan terkirim ke antrean dan tidak dapat diubah lagi. Data akan dikirim ke server saat ada sinyal. Untuk perubahan, buat kunjungan koreksi.</source>
            <translation>The visit is in the sync queue and can no longer be changed. The data goes to the server when there is a signal. To change it, make a correction visit.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="476" />
            <source>Draf koreksi</source>
            <translation>Correction draft</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="487" />
            <source>Dikirim {when} · hanya baca</source>
            <translation>Submitted {when} · read-only</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="491" />
            <source>Catatan pemeriksa: {reason} {comments}</source>
            <translation>Reviewer's note: {reason} {comments}</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/form.py" line="523" />
            <source>Foto</source>
            <translation>Photos</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="153" />
            <source>Anggota keluarga</source>
            <translation>Family members</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="389" />
            <source>Rumah &amp; kondisi hidup</source>
            <translation>House &amp; living conditions</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="462" />
            <source>Aset</source>
            <translation>Assets</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="606" />
            <source>Pekerjaan &amp; penghasilan</source>
            <translation>Work &amp; income</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="729" />
            <source>Penilaian rumah</source>
            <translation>House assessment</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="769" />
            <source>Dokumen</source>
            <translation>Documents</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="839" />
            <source>Kesimpulan</source>
            <translation>Conclusion</translation>
        </message>
    </context>
    <context>
        <name>VisitHistory</name>
        <message>
            <location filename="../../app/ui/review/history.py" line="26" />
            <source>Belum ada kunjungan.</source>
            <translation>No visits yet.</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/history.py" line="46" />
            <source>↳ koreksi atas kunjungan #{n}</source>
            <translation>↳ correction of visit #{n}</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/history.py" line="55" />
            <source>diperiksa {who} {when}</source>
            <translation>reviewed by {who} {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/history.py" line="51" />
            <source>dikembalikan oleh {who} {when}</source>
            <translation>returned by {who} {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/review/history.py" line="53" />
            <source>ditolak oleh {who} {when}</source>
            <translation>rejected by {who} {when}</translation>
        </message>
    </context>
    <context>
        <name>VisitState</name>
        <message>
            <location filename="../../app/ui/household_model.py" line="42" />
            <source>Draf</source>
            <translation>Draft</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_model.py" line="43" />
            <source>Terkirim</source>
            <translation>Sent</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_model.py" line="44" />
            <source>Disetujui</source>
            <translation>Approved</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_model.py" line="45" />
            <source>Dikembalikan</source>
            <translation>Returned</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_model.py" line="46" />
            <source>Ditolak</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <location filename="../../app/ui/household_model.py" line="47" />
            <source>Diganti</source>
            <translation>Replaced</translation>
        </message>
    </context>
    <context>
        <name>WorkSection</name>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="610" />
            <source>Pekerjaan dan penghasilan per bulan setiap anggota</source>
            <translation>Work and monthly income of every member</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="621" />
            <source>Punya usaha yang berjalan</source>
            <translation>Has a running business</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="623" />
            <source>Punya rencana usaha yang jelas</source>
            <translation>Has a clear business plan</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="625" />
            <source>Bersedia ikut pelatihan dan pendampingan</source>
            <translation>Willing to join training and mentoring</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="627" />
            <source>Jenis usaha</source>
            <translation>Type of business</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="628" />
            <source>Modal yang diperlukan</source>
            <translation>Capital needed</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="630" />
            <source>Perkiraan penghasilan</source>
            <translation>Estimated income</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="632" />
            <source>Lokasi usaha</source>
            <translation>Business location</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="633" />
            <source>Usaha dan pemberdayaan (PENA / Bansos Produktif)</source>
            <translation>Business and empowerment (PENA / Bansos Produktif)</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="639" />
            <source>Penghasilan semua anggota yang bekerja dijumlahkan dan dibandingkan dengan upah minimum. PNS, PPPK, TNI, Polri, perangkat desa dan guru bersertifikasi adalah pilihan tersendiri.</source>
            <translation>The income of every working member is added up and compared with the minimum wage. PNS, PPPK, TNI, Polri, village officials and certified teachers are separate choices.</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="670" />
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="670" />
            <source>Pekerjaan</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="670" />
            <source>Jumlah usaha</source>
            <translation>Number of businesses</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="671" />
            <source>Penghasilan per bulan</source>
            <translation>Monthly income</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="681" />
            <source>Pekerjaan {who}</source>
            <translation>Occupation of {who}</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="686" />
            <source>Penghasilan {who}</source>
            <translation>Income of {who}</translation>
        </message>
        <message>
            <location filename="../../app/ui/visit/sections.py" line="721" />
            <source>Penghasilan keluarga per bulan: {total}</source>
            <translation>Family income per month: {total}</translation>
        </message>
    </context>
    <context>
        <name>_PhotosSection</name>
        <message>
            <location filename="../../app/ui/visit/form.py" line="531" />
            <source>Wajib: foto rumah bagian depan dan bagian dalam. Pilih jenis setiap foto; untuk KTP pilih pemiliknya. Foto dikecilkan, diputar tegak dan disimpan terenkripsi.</source>
            <translation>Required: photos of the front and the inside of the house. Choose the type of every photo; for a KTP choose its owner. Photos are downscaled, turned upright and stored encrypted.</translation>
        </message>
    </context>
</TS>
