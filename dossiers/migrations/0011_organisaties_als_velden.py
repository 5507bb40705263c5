from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    """The organisations take the place of the free text: old columns and the old list go, the new fields get their
    names (ministerie, directie, uitvoeringsorganisaties)."""

    dependencies = [("dossiers", "0010_organisaties_uit_tekst")]

    operations = [
        migrations.RemoveField(model_name="regeling", name="uitvoeringsorganisaties"),
        migrations.DeleteModel(name="HistoricalRegeling_uitvoeringsorganisaties"),
        migrations.DeleteModel(name="Uitvoeringsorganisatie"),
        migrations.RemoveField(model_name="regeling", name="ministerie"),
        migrations.RemoveField(model_name="regeling", name="directie"),
        migrations.RemoveField(model_name="historicalregeling", name="ministerie"),
        migrations.RemoveField(model_name="historicalregeling", name="directie"),
        migrations.RenameField(model_name="regeling", old_name="ministerie_org", new_name="ministerie"),
        migrations.RenameField(model_name="regeling", old_name="directie_org", new_name="directie"),
        migrations.RenameField(model_name="regeling", old_name="uitvoerders", new_name="uitvoeringsorganisaties"),
        migrations.RenameField(model_name="historicalregeling", old_name="ministerie_org", new_name="ministerie"),
        migrations.RenameField(model_name="historicalregeling", old_name="directie_org", new_name="directie"),
        migrations.AlterField(
            model_name="regeling",
            name="ministerie",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="regelingen_van_ministerie",
                to="dossiers.organisatie",
                verbose_name="ministerie",
            ),
        ),
        migrations.AlterField(
            model_name="regeling",
            name="directie",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="regelingen_van_directie",
                to="dossiers.organisatie",
                verbose_name="directie",
            ),
        ),
    ]
