"""Browsing the course: ``/modules``, ``/module id`` and ``/section id``."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot.ask.views import MODULES, NONE, page_reply
from bot.discord_bot.shared.choices import (
    module_options,
    rank,
    section_options,
    to_choices,
    unknown_text,
)
from bot.discord_bot.shared.render import module_embed
from bot.discord_bot.shared.sending import tell
from bot.discord_bot.shared.translator import lstr


class CourseCog(commands.Cog):
    """The table of contents and any passage of it, paged when long."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    def _lang(self, interaction: discord.Interaction) -> str:
        return self.bot.lang_for(interaction)

    @app_commands.command(name="modules", description=lstr("cmd_modules"))
    async def modules(self, interaction: discord.Interaction) -> None:
        """The module list, paged when long."""
        reply = page_reply(self.bot.course_state, MODULES, 0, self._lang(interaction))
        await interaction.response.send_message(**reply.kwargs())

    @app_commands.command(name="module", description=lstr("cmd_module"))
    @app_commands.rename(module_id="id")
    @app_commands.describe(module_id=lstr("cmd_module_id"))
    async def module(self, interaction: discord.Interaction, module_id: str) -> None:
        """One module's outline."""
        lang = self._lang(interaction)
        course = self.bot.course_state.course
        # Autocomplete only suggests: the submitted value may be anything, so check it again.
        module = course.module(module_id.strip())
        if module is None:
            options = module_options(course)
            await tell(interaction, unknown_text("unknown_module", module_id, options, lang))
            return
        await interaction.response.send_message(
            embed=module_embed(module, lang), allowed_mentions=NONE
        )

    @app_commands.command(name="section", description=lstr("cmd_section"))
    @app_commands.rename(section_id="id")
    @app_commands.describe(section_id=lstr("cmd_section_id"))
    async def section(self, interaction: discord.Interaction, section_id: str) -> None:
        """One section's text (or a module's introduction), paged when long."""
        lang = self._lang(interaction)
        state = self.bot.course_state
        wanted = section_id.strip()
        known = state.course.section(wanted) or state.course.module(wanted)
        reply = page_reply(state, state.encode(wanted), 0, lang) if known else None
        if reply is None:
            options = section_options(state.course)
            await tell(interaction, unknown_text("unknown_section", section_id, options, lang))
            return
        await interaction.response.send_message(**reply.kwargs())

    @module.autocomplete("module_id")
    async def _module_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return to_choices(rank(current, module_options(self.bot.course_state.course)))

    @section.autocomplete("section_id")
    async def _section_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return to_choices(rank(current, section_options(self.bot.course_state.course)))
