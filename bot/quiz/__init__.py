"""Summary quizzes: items generated from a course's summaries and ``quiz.yaml``, fair grading of
typed answers, solo and group sessions, and spaced review.

Front ends use :class:`bot.quiz.service.QuizService` to build and register sessions; the
sessions (:mod:`bot.quiz.session`) hold the lifecycle and never print nor import discord.py.
"""
